"""Secondary windows and dialogs: all non-modal, opened with ``open()`` or ``show()``."""

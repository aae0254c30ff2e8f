"""The desktop window (PySide6 on one qasync loop): the only package that imports Qt."""

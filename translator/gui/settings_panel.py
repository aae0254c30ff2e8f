"""The settings panel and the first-run welcome (GUI thread): plain widgets, never modal.

``SettingsPanel`` edits a ``Settings`` and emits the new one on Apply (``applied``); the window
decides where it lives (a dock or a page) and saves it. ``FirstRunPanel`` greets a new user with
two paths: the keyless demo, or an OpenAI key pasted once; it emits the settings to start with
(``finished``). API keys go to the ``KeyStore`` (the OS keyring, or this session only when there
is none) and never into ``Settings``. Every string goes through ``tr()``; every control has an
accessible name and takes keyboard focus.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from translator.app.errors import Problem, validation_message
from translator.catalog import load_catalog
from translator.gui.widgets.form import pad_labels
from translator.secrets import KeyLocation, KeyShapeProblem, KeyStore, key_shape_problem
from translator.secrets import Provider as KeyProvider
from translator.settings import Settings

KEY_PROVIDERS = ("openai", "azure", "custom")


def _combo(name: str, entries: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, data in entries:
        combo.addItem(text, data)
    return combo


def _heading(text: str) -> QLabel:
    """A section's title in a form, bold, with room above it."""
    label = QLabel(f"<b>{text}</b>")
    label.setContentsMargins(0, 10, 0, 2)
    return label


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif combo.isEditable() and isinstance(data, str):
        combo.setEditText(data)


def _error_text(exc: Exception) -> str:
    return validation_message(exc) if isinstance(exc, ValidationError) else str(exc)


def key_shape_text(problem: KeyShapeProblem) -> str:
    """What to tell the user about a pasted key that cannot be one."""
    texts = {
        "spaces": QCoreApplication.translate(
            "KeyShape", "That is not a key: a key is one word, without spaces. Paste the key alone."
        ),
        "prefix": QCoreApplication.translate(
            "KeyShape", "OpenAI keys start with sk-. Paste the whole key."
        ),
        "short": QCoreApplication.translate(
            "KeyShape", "That is too short for a key. Paste the whole key."
        ),
    }
    return texts[problem]


class SettingsPanel(QWidget):
    """Provider and key, endpoint, model, audio knobs, prompt, language and theme."""

    applied = Signal(object)  # Settings
    key_saved = Signal(object)  # Settings the new key is for: check it with the service

    def __init__(self, settings: Settings, keys: KeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self._settings = settings
        self.setAccessibleName(self.tr("Settings"))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        form = QFormLayout(body)
        self._form = form
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.provider = _combo(
            self.tr("Provider"),
            [
                (self.tr("OpenAI"), "openai"),
                (self.tr("Azure OpenAI"), "azure"),
                (self.tr("Custom endpoint"), "custom"),
                (self.tr("Local demo (no key)"), "local"),
            ],
        )
        form.addRow(_heading(self.tr("Service")))
        form.addRow(self.tr("&Provider"), self.provider)

        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setAccessibleName(self.tr("API key"))
        self.api_key.setPlaceholderText(self.tr("Paste a new key to replace the stored one"))
        self.save_key = QPushButton(self.tr("Save &key"))
        self.save_key.setAccessibleName(self.tr("Save the API key"))
        self.save_key.clicked.connect(self.store_key)
        self.remove_key = QPushButton(self.tr("&Remove key"))
        self.remove_key.setAccessibleName(self.tr("Remove the stored API key"))
        self.remove_key.clicked.connect(self._remove_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.save_key)
        key_row.addWidget(self.remove_key)
        self.key_status = QLabel()
        self.key_status.setAccessibleName(self.tr("Where the API key is kept"))
        self.key_status.setWordWrap(True)
        key_label = QLabel(self.tr("API &key"))
        key_label.setBuddy(self.api_key)
        form.addRow(key_label, key_row)
        form.addRow("", self.key_status)
        self.key_check = QLabel()  # what the service said of the key just saved
        self.key_check.setAccessibleName(self.tr("Whether the service accepted the key"))
        self.key_check.setWordWrap(True)
        form.addRow("", self.key_check)

        self.base_url = QLineEdit()
        self.base_url.setAccessibleName(self.tr("Endpoint base URL"))
        self.base_url.setPlaceholderText("wss://example.com/v1")
        form.addRow(self.tr("&Endpoint URL"), self.base_url)
        self.azure_endpoint = QLineEdit()
        self.azure_endpoint.setAccessibleName(self.tr("Azure resource endpoint"))
        self.azure_endpoint.setPlaceholderText("https://NAME.openai.azure.com")
        form.addRow(self.tr("Azure &resource"), self.azure_endpoint)
        self.deployment = QLineEdit()
        self.deployment.setAccessibleName(self.tr("Azure deployment"))
        form.addRow(self.tr("&Deployment"), self.deployment)
        self.api_version = QLineEdit()
        self.api_version.setAccessibleName(self.tr("Azure API version"))
        form.addRow(self.tr("API &version"), self.api_version)
        self.transport = _combo(
            self.tr("Connection"),
            [
                (self.tr("WebSocket"), "websocket"),
                (self.tr("WebRTC"), "webrtc"),
                (self.tr("Automatic (WebRTC, else WebSocket)"), "auto"),
            ],
        )
        self.transport.setToolTip(
            self.tr(
                "How each session reaches the service. WebRTC sends the audio as Opus over "
                "UDP and copes better with a lossy network; Automatic falls back to WebSocket "
                "when no call connects within 5 seconds. The Azure preview engine speaks "
                "WebSocket only."
            )
        )
        form.addRow(self.tr("Co&nnection"), self.transport)

        today = datetime.date.today()
        offered: list[tuple[str, object]] = [  # a retiring model is offered until shutdown
            (m.name, m.name)
            for m in load_catalog().models.values()
            if m.dialect in ("realtime", "translate") and not m.retired_on(today)
        ]
        self.model = _combo(self.tr("Model"), offered)
        self.model.setEditable(True)  # Azure deployments and new models are not in the catalog
        form.addRow(self.tr("&Model"), self.model)
        self.reasoning_effort = _combo(
            self.tr("Reasoning effort"),
            [
                (self.tr("Minimal (fastest)"), "minimal"),
                (self.tr("Low"), "low"),
                (self.tr("Medium"), "medium"),
                (self.tr("High"), "high"),
                (self.tr("Extra high (slowest)"), "xhigh"),
            ],
        )
        self.reasoning_effort.setToolTip(
            self.tr(
                "Reasoning models (gpt-realtime-2.1-mini, …) think before they speak: more "
                "effort, more delay and more output tokens. Other models ignore it."
            )
        )
        form.addRow(self.tr("Reas&oning"), self.reasoning_effort)

        form.addRow(_heading(self.tr("Speech and sound")))
        self.turn_detection = _combo(
            self.tr("Turn detection"),
            [
                (self.tr("Pause in speech (server VAD)"), "server_vad"),
                (self.tr("End of sentence (semantic VAD)"), "semantic_vad"),
                (self.tr("Manual (push to talk)"), "manual"),
            ],
        )
        form.addRow(self.tr("&Turn detection"), self.turn_detection)
        self.silence_ms = QSpinBox()
        self.silence_ms.setAccessibleName(self.tr("Silence that ends a turn, in milliseconds"))
        self.silence_ms.setRange(100, 5000)
        self.silence_ms.setSingleStep(50)
        self.silence_ms.setSuffix(self.tr(" ms"))
        form.addRow(self.tr("&Silence"), self.silence_ms)
        self.noise_reduction = _combo(
            self.tr("Noise reduction"),
            [
                (self.tr("Automatic"), "auto"),
                (self.tr("Headset (near field)"), "near_field"),
                (self.tr("Laptop or room microphone (far field)"), "far_field"),
                (self.tr("Off"), "off"),
            ],
        )
        form.addRow(self.tr("&Noise reduction"), self.noise_reduction)
        self.ducking = QDoubleSpinBox()
        self.ducking.setAccessibleName(self.tr("Ducking depth of the original voice, in dB"))
        self.ducking.setRange(-60.0, 0.0)
        self.ducking.setDecimals(0)
        self.ducking.setSuffix(self.tr(" dB"))
        form.addRow(self.tr("D&ucking"), self.ducking)
        self.echo_guard = _combo(
            self.tr("Echo guard"),
            [
                (self.tr("Automatic"), "auto"),
                (self.tr("On"), "on"),
                (self.tr("Off"), "off"),
            ],
        )
        form.addRow(self.tr("Ec&ho guard"), self.echo_guard)
        form.addRow(_heading(self.tr("Translation")))
        self.retained_turns = QSpinBox()
        self.retained_turns.setAccessibleName(self.tr("Previous turns kept as context"))
        self.retained_turns.setRange(0, 20)
        form.addRow(self.tr("Con&text turns"), self.retained_turns)

        self.glossary = QPlainTextEdit()
        self.glossary.setAccessibleName(self.tr("Glossary, one term = translation per line"))
        self.glossary.setPlaceholderText(self.tr("Acme Cloud = Acme Cloud\nchart = gráfico"))
        self.glossary.setTabChangesFocus(True)
        self.glossary.setMaximumHeight(90)
        form.addRow(self.tr("&Glossary"), self.glossary)
        self.instructions = QPlainTextEdit()
        self.instructions.setAccessibleName(self.tr("Extra instructions for the translator"))
        self.instructions.setPlaceholderText(self.tr("e.g. Use a formal register."))
        self.instructions.setTabChangesFocus(True)
        self.instructions.setMaximumHeight(90)
        form.addRow(self.tr("&Instructions"), self.instructions)

        form.addRow(_heading(self.tr("Appearance")))
        self.ui_language = _combo(
            self.tr("Interface language"),
            [
                (self.tr("System language"), "system"),
                ("English", "en"),
                ("Español", "es"),
                ("Français", "fr"),
                ("Deutsch", "de"),
            ],
        )
        self.ui_language.setToolTip(
            self.tr("A new language applies the next time Translator starts.")
        )
        form.addRow(self.tr("&Language"), self.ui_language)
        self.theme = _combo(
            self.tr("Theme"),
            [
                (self.tr("System"), "system"),
                (self.tr("Light"), "light"),
                (self.tr("Dark"), "dark"),
            ],
        )
        form.addRow(self.tr("T&heme"), self.theme)
        pad_labels(form)

        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Settings message"))
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.revert = QPushButton(self.tr("Re&vert"))
        self.revert.setAccessibleName(self.tr("Revert to the saved settings"))
        self.revert.clicked.connect(self._revert)
        self.apply = QPushButton(self.tr("&Apply"))
        self.apply.setAccessibleName(self.tr("Apply the settings"))
        self.apply.setDefault(True)
        self.apply.clicked.connect(self.apply_changes)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.apply)
        outer.addLayout(buttons)
        # Wide enough that no field is cut (the window makes room when the user opens it);
        # a narrower dock scrolls sideways rather than squeezing the fields.
        margins = outer.contentsMargins()
        self._comfortable_width = (
            body.sizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + margins.left()
            + margins.right()
        )

        # Buttons and combos only take Tab focus on some platforms (macOS) unless told to.
        for kind in (QPushButton, QComboBox):
            for widget in self.findChildren(kind):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.provider.currentIndexChanged.connect(self._show_provider_fields)
        self.set_settings(settings)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._comfortable_width), hint.height())

    # ---- settings in and out ----

    def _revert(self) -> None:
        self.set_settings(self._settings)

    def set_settings(self, settings: Settings) -> None:
        self._settings = settings
        _select(self.provider, settings.provider)
        self.base_url.setText(settings.base_url)
        self.azure_endpoint.setText(settings.azure.endpoint)
        self.deployment.setText(settings.azure.deployment)
        self.api_version.setText(settings.azure.api_version)
        _select(self.transport, settings.transport)
        _select(self.model, settings.model)
        _select(self.reasoning_effort, settings.reasoning_effort)
        _select(self.turn_detection, settings.turn_detection.kind)
        self.silence_ms.setValue(settings.turn_detection.silence_ms)
        _select(self.noise_reduction, settings.noise_reduction)
        self.ducking.setValue(settings.ducking_db)
        _select(self.echo_guard, settings.echo_guard)
        self.retained_turns.setValue(settings.retained_turns)
        self.glossary.setPlainText(
            "\n".join(f"{term} = {rendering}" for term, rendering in settings.glossary.items())
        )
        self.instructions.setPlainText(settings.instructions)
        _select(self.ui_language, settings.ui_language)
        _select(self.theme, settings.theme)
        self.message.clear()
        self._show_provider_fields()

    def edited(self) -> Settings:
        """The settings as the controls show them; ``ValueError`` says what to fix."""
        glossary: dict[str, str] = {}
        for number, line in enumerate(self.glossary.toPlainText().splitlines(), 1):
            if not line.strip():
                continue
            term, separator, rendering = line.partition("=")
            if not separator or not term.strip() or not rendering.strip():
                raise ValueError(
                    self.tr("glossary line {n}: write it as term = translation").format(n=number)
                )
            glossary[term.strip()] = rendering.strip()
        values: dict[str, Any] = self._settings.model_dump()
        model = self.model.currentText().strip()
        info = load_catalog().model(model)  # a deployment or a newer model: the engine as was
        values.update(
            provider=self.provider.currentData(),
            base_url=self.base_url.text().strip(),
            transport=self.transport.currentData(),
            model=model,
            engine=info.dialect
            if info and info.dialect in ("realtime", "translate")
            else self._settings.engine,
            reasoning_effort=self.reasoning_effort.currentData(),
            noise_reduction=self.noise_reduction.currentData(),
            ducking_db=self.ducking.value(),
            echo_guard=self.echo_guard.currentData(),
            retained_turns=self.retained_turns.value(),
            glossary=glossary,
            instructions=self.instructions.toPlainText().strip(),
            ui_language=self.ui_language.currentData(),
            theme=self.theme.currentData(),
        )
        values["azure"].update(
            endpoint=self.azure_endpoint.text().strip(),
            deployment=self.deployment.text().strip(),
            api_version=self.api_version.text().strip(),
        )
        values["turn_detection"].update(
            kind=self.turn_detection.currentData(), silence_ms=self.silence_ms.value()
        )
        try:
            return Settings.model_validate(values)
        except ValidationError as exc:
            raise ValueError(_error_text(exc)) from None

    def apply_changes(self) -> None:
        if self.api_key.text().strip() and not self.store_key():
            return
        try:
            settings = self.edited()
        except ValueError as exc:
            self.message.setText(self.tr("Not applied: {reason}").format(reason=exc))
            return
        self._settings = settings
        self.message.setText(self.tr("Settings applied."))
        self.applied.emit(settings)

    # ---- the key ----

    def _key_provider(self) -> KeyProvider | None:
        provider = str(self.provider.currentData())
        return cast(KeyProvider, provider) if provider in KEY_PROVIDERS else None

    def store_key(self) -> bool:
        """Save the typed key for the chosen provider; True when it was kept somewhere."""
        provider = self._key_provider()
        key = self.api_key.text().strip()
        if provider is None or not key:
            self.key_status.setText(self.tr("Paste a key first."))
            return False
        if (problem := key_shape_problem(provider, key)) is not None:
            self.key_status.setText(key_shape_text(problem))
            self.api_key.setFocus()
            return False
        location = self._keys.save(provider, key)
        self.api_key.clear()
        self._show_key_status(location)
        try:
            settings = self.edited()
        except ValueError:  # another field is wrong: the key is checked with what was applied
            settings = self._settings.model_copy(update={"provider": provider})
        self.key_check.setText(self.tr("Checking the key with the service…"))
        self.key_saved.emit(settings)
        return True

    def show_key_check(self, problem: Problem | None) -> None:
        """What the service said of the key just saved."""
        if problem is None:
            self.key_check.setText(self.tr("✓ The service accepted the key."))
        else:
            self.key_check.setText(self.tr("✗ {problem}").format(problem=problem.line))

    def _remove_key(self) -> None:
        self.key_check.clear()
        provider = self._key_provider()
        if provider is not None:
            self._keys.delete(provider)
        self._show_key_status(None)

    def _show_key_status(self, saved: KeyLocation | None) -> None:
        provider = self._key_provider()
        if provider is None:
            self.key_status.setText(self.tr("The local demo needs no key."))
            return
        if saved == "keyring":
            self.key_status.setText(self.tr("Key stored in the OS keyring."))
            return
        if saved == "session":
            self.key_status.setText(
                self.tr("Key kept for this session only: no keyring on this system.")
            )
            return
        found = self._keys.find(provider)
        if found is None:
            self.key_status.setText(self.tr("No key saved."))
        elif found.origin == "OS keyring":
            self.key_status.setText(self.tr("Key stored in the OS keyring."))
        elif found.origin == "this session":
            self.key_status.setText(
                self.tr("Key kept for this session only: no keyring on this system.")
            )
        elif found.origin.startswith("environment variable "):
            self.key_status.setText(
                self.tr("Key taken from the environment variable {name}.").format(
                    name=found.origin.rsplit(" ", 1)[-1]
                )
            )
        else:
            self.key_status.setText(self.tr("Key given on the command line."))

    def _show_provider_fields(self) -> None:
        provider = self.provider.currentData()
        self._form.setRowVisible(self.base_url, provider == "custom")
        for field in (self.azure_endpoint, self.deployment, self.api_version):
            self._form.setRowVisible(field, provider == "azure")
        needs_key = provider in KEY_PROVIDERS
        for control in (self.api_key, self.save_key, self.remove_key):
            control.setEnabled(needs_key)
        self._show_key_status(None)


class FirstRunPanel(QWidget):
    """Welcome: try the demo now, or paste an OpenAI key and start for real."""

    finished = Signal(object)  # Settings to start with (first_run_done set)

    def __init__(self, settings: Settings, keys: KeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._keys = keys
        self.setAccessibleName(self.tr("Welcome"))
        # one column in the middle of the window, as a welcome screen reads
        column = QWidget()
        column.setMaximumWidth(600)
        layout = QVBoxLayout(column)
        layout.setSpacing(10)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(column, 3)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        title = QLabel(self.tr("Welcome to Translator"))
        font = title.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        title.setFont(font)
        title.setAccessibleName(self.tr("Welcome to Translator"))
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "Translator interprets speech live between two languages. Try it now with "
                "the built-in demo, or use your OpenAI API key to translate for real."
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("What Translator does"))
        layout.addWidget(intro)

        self.try_demo = QPushButton(self.tr("Try the &demo"))
        self.try_demo.setAccessibleName(self.tr("Try the demo without a key"))
        self.try_demo.clicked.connect(self._choose_demo)
        self.try_demo.setMinimumHeight(40)
        layout.addWidget(self.try_demo)
        layout.addSpacing(12)

        key_help = QLabel(
            self.tr(
                "Or paste your OpenAI API key (from platform.openai.com, API keys). It is "
                "kept in your system's keyring, never in a file."
            )
        )
        key_help.setWordWrap(True)
        key_help.setAccessibleName(self.tr("About the API key"))
        layout.addWidget(key_help)
        row = QHBoxLayout()
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setAccessibleName(self.tr("OpenAI API key"))
        self.api_key.setPlaceholderText("sk-…")
        self.api_key.returnPressed.connect(self._use_key)
        self.use_key = QPushButton(self.tr("&Use my OpenAI key"))
        self.use_key.setAccessibleName(self.tr("Save the key and start"))
        self.use_key.clicked.connect(self._use_key)
        row.addWidget(self.api_key, 1)
        row.addWidget(self.use_key)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Key status"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        for control in (self.try_demo, self.api_key, self.use_key):
            control.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabOrder(self.try_demo, self.api_key)
        self.setTabOrder(self.api_key, self.use_key)

    def _choose_demo(self) -> None:
        self.finished.emit(
            self._settings.model_copy(update={"provider": "local", "first_run_done": True})
        )

    def _use_key(self) -> None:
        key = self.api_key.text().strip()
        if not key:
            self.status.setText(self.tr("Paste your key first, or try the demo."))
            self.api_key.setFocus()
            return
        if (problem := key_shape_problem("openai", key)) is not None:
            self.status.setText(key_shape_text(problem))
            self.api_key.setFocus()
            return
        location = self._keys.save("openai", key)
        self.api_key.clear()
        if location == "keyring":
            self.status.setText(self.tr("Key stored in the OS keyring. Ready."))
        else:
            self.status.setText(
                self.tr(
                    "Key kept for this session only: no keyring on this system. "
                    "You will need to paste it again next time."
                )
            )
        self.finished.emit(
            self._settings.model_copy(update={"provider": "openai", "first_run_done": True})
        )

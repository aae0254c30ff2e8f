"""Dev script: regenerate ``resources/languages.json`` via babel (CLDR): each language's English
name (used in prompts), its own name as a list shows it (capitalised where its script has
case) and its name in each language of the UI.

Run: ``.venv/bin/python scripts/gen_languages.py`` (babel is in the dev extra).
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

# Languages offered in the pickers: those the realtime models handle well, plus the
# translate engine's 13 output languages (all included here).
UI_LANGUAGES = ("en", "es", "fr", "de")  # translator.gui.i18n.LANGUAGES
CODES = [
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fil", "fr",
    "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "pl", "pt",
    "ro", "ru", "sk", "sl", "sr", "sv", "sw", "ta", "th", "tr", "uk", "ur", "vi", "zh",
]


def main() -> None:
    english = Locale("en")
    languages = []
    for code in CODES:
        native = Locale.parse(code)
        own = native.get_display_name(native) or english.languages[code]
        languages.append(
            {
                "code": code,
                "name": english.languages[code],
                "native": own[:1].upper() + own[1:],  # standing alone, as a list shows it
                "names": {ui: Locale(ui).languages[code] for ui in UI_LANGUAGES},
            }
        )
    out = Path(__file__).resolve().parent.parent / "resources" / "languages.json"
    out.write_text(json.dumps({"languages": languages}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {out} ({len(languages)} languages)")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Refresh the UI's catalogs (Spanish, French, German) from the GUI sources, then compile them.
#
#   scripts/update_translations.sh [DIR]      (DIR: where translator_LANG.ts/.qm live; default
#                                              resources/i18n — tests pass a scratch copy)
#
# 1. pyside6-lupdate collects every tr() string of translator/gui/**/*.py into
#    resources/i18n/translator_LANG.ts: new strings arrive as type="unfinished", strings gone
#    from the sources are dropped, existing translations are kept.
# 2. Translate the unfinished entries (pyside6-linguist resources/i18n/translator_LANG.ts, or any
#    editor: fill <translation> and remove type="unfinished"), then run this script again.
# 3. pyside6-lrelease compiles each .ts into resources/i18n/translator_LANG.qm, which the app
#    loads. Commit both files of each language; tests/gui/test_i18n.py fails while either is
#    stale or a string is untranslated.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${VENV:-.venv}/bin"
mapfile -t sources < <(find translator/gui -name '*.py' | LC_ALL=C sort)
for language in es fr de; do
  catalog="${1:-resources/i18n}/translator_$language"
  "$bin/pyside6-lupdate" -locations none -no-obsolete -source-language en \
    -target-language "$language" "${sources[@]}" -ts "$catalog.ts" >/dev/null
  "$bin/pyside6-lrelease" "$catalog.ts" -qm "$catalog.qm" >/dev/null
  grep -c 'type="unfinished"' "$catalog.ts" | sed "s/^/$language: untranslated strings: /" || true
done

#!/usr/bin/env bash
# Refresh the Brazilian Portuguese catalogue from the GUI sources and compile it.
#   1. pyside6-lupdate: adds new English strings to explainer/i18n/*.ts, keeps translations done
#      (no source line numbers: they would change the .ts on every edit of the GUI)
#   2. translate the new (unfinished) entries, e.g. with pyside6-linguist or
#      scripts/fill_translations.py
#   3. pyside6-lrelease: .ts → .qm, the file the app loads (both are committed)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${VENV:-.venv}/bin
[[ -x $bin/pyside6-lupdate ]] || bin=$(dirname "$(command -v pyside6-lupdate)")
# Every module of the GUI, subpackages (explainer/gui/network/) included, and the Qt-free
# modules that mark their text with QT_TRANSLATE_NOOP (the worked steps of the arithmetic).
mapfile -t sources < <(
    {
        find explainer/gui -name '*.py'
        grep -rl --include='*.py' 'QT_TRANSLATE_NOOP("' explainer/core explainer/state.py || true
    } | sort -u
)
for ts in explainer/i18n/cnn_explainer_*.ts; do
    "$bin/pyside6-lupdate" -no-obsolete -locations none "${sources[@]}" -ts "$ts"
    "$bin/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
# Unfinished entries fall back to English at run time; list them so that none is forgotten.
if grep -n 'type="unfinished"' explainer/i18n/*.ts; then
    echo "warning: untranslated strings above" >&2
fi

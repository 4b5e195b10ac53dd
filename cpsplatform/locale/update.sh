#!/bin/sh
# Refresh cpsplatform/locale/ja/LC_MESSAGES/django.po from the core package and the core templates, then compile.
# Run from the repository root: sh cpsplatform/locale/update.sh   (then translate new msgids and run it again)
set -e
root=$(pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/templates"
ln -s "$root/cpsplatform" "$tree/cpsplatform"
ln -s "$root/cpsplatform/locale" "$tree/locale"
for entry in base.html 403.html 404.html includes account allauth organisations home; do
    ln -s "$root/templates/$entry" "$tree/templates/$entry"
done
(cd "$tree" && PLATFORM_ENV=development DJANGO_SETTINGS_MODULE=cpsplatform.settings PYTHONPATH="$root" \
    "$root/.venv/bin/python" -m django makemessages -l ja --symlinks --no-location --no-obsolete \
    --ignore "cpsplatform/discussions/*" --ignore "*/migrations/*")
rmdir "$root/locale" 2>/dev/null || true
msgfmt --check --statistics -o cpsplatform/locale/ja/LC_MESSAGES/django.mo cpsplatform/locale/ja/LC_MESSAGES/django.po

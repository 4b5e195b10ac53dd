#!/bin/sh
# Refresh marketplace/locale/ja/LC_MESSAGES/django.po from the marketplace app and its templates
# (templates/marketplace/), then compile it.
# Run from the repository root: sh marketplace/locale/update.sh   (then translate new msgids and run it again)
#
# makemessages puts a file's strings into the nearest locale/ directory above it, so it runs in a temporary tree
# where the app and its templates sit next to a `locale` link into this directory; the core and the other apps
# keep their own catalogues.
set -e
root=$(pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/templates" "$root/marketplace/locale/ja/LC_MESSAGES"
ln -s "$root/marketplace" "$tree/marketplace"
ln -s "$root/templates/marketplace" "$tree/templates/marketplace"
ln -s "$root/marketplace/locale" "$tree/locale"
(cd "$tree" && PLATFORM_ENV=development DJANGO_SETTINGS_MODULE=cpsplatform.settings PYTHONPATH="$root" \
    "$root/.venv/bin/python" -m django makemessages -l ja --symlinks --no-location --no-obsolete \
    --ignore "marketplace/locale/*" --ignore "*/migrations/*")
rmdir "$root/locale" 2>/dev/null || true
msgfmt --check --statistics -o marketplace/locale/ja/LC_MESSAGES/django.mo marketplace/locale/ja/LC_MESSAGES/django.po

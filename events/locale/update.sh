#!/bin/sh
# Refresh events/locale/ja/LC_MESSAGES/django.po from the events app and its templates
# (templates/events/), then compile it.
# Run from the repository root: sh events/locale/update.sh   (then translate new msgids and run it again)
#
# makemessages puts a file's strings into the nearest locale/ directory above it, so it runs in a temporary tree
# where the app and its templates sit next to a `locale` link into this directory; the core and the other apps
# keep their own catalogues.
set -e
root=$(pwd)
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/templates" "$root/events/locale/ja/LC_MESSAGES"
ln -s "$root/events" "$tree/events"
ln -s "$root/templates/events" "$tree/templates/events"
ln -s "$root/events/locale" "$tree/locale"
(cd "$tree" && PLATFORM_ENV=development DJANGO_SETTINGS_MODULE=cpsplatform.settings PYTHONPATH="$root" \
    "$root/.venv/bin/python" -m django makemessages -l ja --symlinks --no-location --no-obsolete \
    --ignore "events/locale/*" --ignore "*/migrations/*")
rmdir "$root/locale" 2>/dev/null || true
msgfmt --check --statistics -o events/locale/ja/LC_MESSAGES/django.mo events/locale/ja/LC_MESSAGES/django.po

#!/bin/sh
# Refresh the Japanese catalogues of the search and matching apps (each with its templates/<app>/), then compile.
# Run from the repository root: sh search/locale/update.sh   (then translate new msgids and run it again)
#
# makemessages puts a file's strings into the nearest locale/ directory above it, so each app runs in a temporary
# tree where the app and its templates sit next to a `locale` link into the app's own directory.
set -e
root=$(pwd)
for app in search matching; do
    tree=$(mktemp -d)
    mkdir -p "$tree/templates" "$root/$app/locale/ja/LC_MESSAGES"
    ln -s "$root/$app" "$tree/$app"
    ln -s "$root/templates/$app" "$tree/templates/$app"
    ln -s "$root/$app/locale" "$tree/locale"
    (cd "$tree" && PLATFORM_ENV=development DJANGO_SETTINGS_MODULE=cpsplatform.settings PYTHONPATH="$root" \
        "$root/.venv/bin/python" -m django makemessages -l ja --symlinks --no-location --no-obsolete \
        --ignore "$app/locale/*" --ignore "*/migrations/*")
    rm -rf "$tree"
    msgfmt --check --statistics -o "$app/locale/ja/LC_MESSAGES/django.mo" "$app/locale/ja/LC_MESSAGES/django.po"
done

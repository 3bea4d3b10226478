#!/usr/bin/env bash
# Unpacks Debian's backported runsc 0.0~20240729.0 into /opt/runsc-20240729 without
# touching the system's runsc: one static binary, at /opt/runsc-20240729/usr/bin/runsc.
# The tests find it there (test/support/real-runsc.ts). Idempotent.
set -euo pipefail
dest=/opt/runsc-20240729
version='0.0~20240729.0-4~bpo12+2'
[ -x "$dest/usr/bin/runsc" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial"
echo 'deb http://deb.debian.org/debian bookworm-backports main' > "$work/sources.list"
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$work/lists")
apt-get update "${apt_opts[@]}"
# apt's sandbox user cannot write into a root-only temp dir.
chmod 755 "$work"
(cd "$work" && apt-get download "${apt_opts[@]}" "runsc=$version")
mkdir -p "$dest"
dpkg-deb -x "$work"/runsc_*.deb "$dest"
"$dest/usr/bin/runsc" --version

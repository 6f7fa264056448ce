#!/bin/sh
# Rebuilds en-words.txt.gz from Debian's SCOWL size-70 word lists, American and British:
#   apt-get install wamerican-large wbritish-large
set -eu
cd "$(dirname "$0")"
cat /usr/share/dict/american-english-large /usr/share/dict/british-english-large |
	grep -v "'" | tr 'A-Z' 'a-z' | LC_ALL=C sort -u | gzip -9 -n > en-words.txt.gz

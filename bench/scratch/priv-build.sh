#!/bin/sh
# Private build for development while others rebuild the shared dist/: /tmp/priv/{bin,dist,profiles,...}
set -e
P=/tmp/priv
mkdir -p $P
cd /work/main
npx tsc -p tsconfig.build.json --outDir $P/dist >/dev/null 2>&1 || true
cp -r bin package.json $P/
ln -sfn /work/main/node_modules $P/node_modules
rm -rf $P/profiles; cp -r profiles $P/profiles

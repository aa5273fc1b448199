#!/bin/bash
# healthcheck PORT PATH: succeeds when GET http://127.0.0.1:PORT/PATH answers 200. It speaks HTTP
# through bash's /dev/tcp, so the runtime image needs neither curl nor wget.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/$1"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$2" >&3
IFS= read -r -t 5 status <&3
[[ $status == HTTP/1.?" 200 "* ]]

#!/usr/bin/env bash
# The Windows CLI story: the real, installed akta.exe run under Wine, step by step as a
# caseworker's and a data-protection officer's scripts would, each step checked (exit
# code, output, the files on the Windows side). Run by `.ci/windows`, which sets up the
# Wine prefix and installs Akta into it; it can also run the same story against the
# Linux build (`AKTA_LINUX=target/debug/akta bash tests/windows/story.sh`), which shows
# that the story itself is right. Prints one line per check and ends with
# `N passed, N failed`; exit 1 when any failed. docs/TESTING.md, docs/INSTALL.md.
#
# Environment (set by .ci/windows): WINEPREFIX, AKTA_EXE (the Windows path of akta.exe),
# HOLD_EXE (the Linux path of tests/windows/hold.c built). Or AKTA_LINUX.
set -uo pipefail

passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() {
  passed=$((passed + 1))
  echo "ok    $*"
}
bad() {
  failed=$((failed + 1))
  echo "FAIL  $*"
}

if [ -n "${AKTA_LINUX:-}" ]; then
  # The story on Linux: Windows paths become folders under a temp dir.
  root="$work/drive_c"
  mkdir -p "$root"
  winpath() { printf '%s' "$root/${1//\\//}"; }
  unixpath() { winpath "$1"; }
  run_akta() { "$AKTA_LINUX" "$@"; }
  hold() { return 1; }
else
  : "${WINEPREFIX:?set by .ci/windows}" "${AKTA_EXE:?}" "${HOLD_EXE:?}"
  # The Linux path of a Windows path, as Wine maps it (folder names case-insensitive).
  unixpath() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
  winpath() { printf '%s' "$1"; }
  run_akta() { wine "$AKTA_EXE" "$@"; }
  # hold MODE WINPATH SECONDS: another program keeps the file open (in the background).
  hold() {
    rm -f "$work/hold.out"
    wine "$HOLD_EXE" "$1" "$2" "$3" >"$work/hold.out" 2>&1 &
    for _ in $(seq 1 100); do
      grep -q held "$work/hold.out" 2>/dev/null && return 0
      sleep 0.2
    done
    return 1
  }
  local_app_data="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local"
fi

# akta ARGS…: runs akta, keeping its exit code in $rc, stdout in $out (CRs removed),
# stderr in $err.
akta() {
  run_akta "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(tr -d '\r' <"$work/out")
  err=$(tr -d '\r' <"$work/err")
}
# expect RC WHAT: checks the last call's exit code.
expect() {
  if [ "$rc" = "$1" ]; then ok "$2"; else bad "$2: exit $rc, expected $1: ${err:0:300}"; fi
}
# has TEXT IN WHAT: checks that TEXT is in IN.
has() {
  if grep -qF -- "$1" <<<"$2"; then ok "$3"; else bad "$3: '$1' not in: ${2:0:300}"; fi
}
hasnt() {
  if grep -qF -- "$1" <<<"$2"; then bad "$3: '$1' found"; else ok "$3"; fi
}
# A valid Swedish personnummer (YYYYMMDD-NNNC) for a birth date and serial.
personnummer() {
  local d="${1:2:6}$2" sum=0 i n
  for i in 0 1 2 3 4 5 6 7 8; do
    n=${d:$i:1}
    if [ $((i % 2)) = 0 ]; then n=$((n * 2)); [ $n -gt 9 ] && n=$((n - 9)); fi
    sum=$((sum + n))
  done
  printf '%s-%s%s' "$1" "$2" $(((10 - sum % 10) % 10))
}

if [ -n "${SETUP_EXE:-}" ]; then
  echo "== the installer (silent), then the story with the installed akta.exe"
  pf="$WINEPREFIX/drive_c/Program Files/Akta"
  wine "$SETUP_EXE" /S >"$work/out" 2>"$work/err"
  rc=$?
  err=$(tr -d '\r' <"$work/err")
  expect 0 "akta-setup.exe /S"
  for f in akta-app.exe akta.exe WebView2Loader.dll uninstall.exe; do
    [ -f "$pf/$f" ] && ok "installed: C:\\Program Files\\Akta\\${f}" || bad "not installed: $f"
  done
  [ "$(find "$pf" -iname 'bcryptprimitives.dll' | wc -l)" = 0 ] &&
    ok "the test-only bcryptprimitives.dll is not among the installed files" ||
    bad "bcryptprimitives.dll was installed"
  shortcut="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Akta.lnk"
  [ -f "$shortcut" ] && ok "a Start-menu shortcut" || bad "no Start-menu shortcut"
  uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Akta'
  has "DisplayVersion" "$(wine reg query "$uninstall_key" 2>/dev/null | tr -d '\r')" \
    "an entry in Installed apps"
  AKTA_EXE='C:\Program Files\Akta\akta.exe'
fi

home_w='C:\Users\Åsa Öberg'
if [ -n "${AKTA_LINUX:-}" ]; then
  mkdir -p "$(unixpath "$home_w")"
else
  # Made by a Windows program, as a user's folder is.
  wine cmd /c mkdir "$home_w" >/dev/null 2>&1
fi
store_w="$home_w"'\AppData\Local\se.akta.app\store'
export AKTA_PASSPHRASE='korrekt häst batteri häftklammer'
export AKTA_STORE
AKTA_STORE=$(winpath "$store_w")

echo "== a store in a folder with spaces and å ä ö, by passphrase"
akta --version
expect 0 "akta --version runs"
akta recovery-keygen --out "$(winpath "$home_w\\byråns nyckel.txt")"
expect 0 "recovery-keygen writes the agency identity"
recipient=$(grep -o 'age1[0-9a-z]*' <<<"$out" | head -1)
[ -n "$recipient" ] && ok "recovery-keygen prints the recipient" || bad "no recipient printed"
akta init --recovery-recipient "$recipient"
expect 0 "init (passphrase) in '$store_w'"
[ -f "$(unixpath "$store_w\\akta.db")" ] && ok "the store file is at the path with å ä ö" ||
  bad "no akta.db under the path"
akta init
expect 2 "init again is refused (store_exists)"
has store_exists "$err" "…with its code"
akta status
expect 0 "status unlocks by passphrase"
has "integrity:    ok" "$out" "status runs integrity_check"
AKTA_PASSPHRASE='fel lösenord här' akta status
expect 3 "a wrong passphrase is exit 3"
has wrong_key "$err" "…wrong_key"

echo "== demo, persons, journal"
akta demo
expect 0 "demo fills the store"
akta user add --name "Dag Dataskydd" --role dataskyddsansvarig --recovery-identity "$(winpath "$home_w\\byråns nyckel.txt")"
expect 0 "a data-protection profile (with the agency identity)"
dpo=$(grep -o '[0-9]*' <<<"$out" | tail -1)
akta person list --user 1
before=$(grep -c . <<<"$out")
akta person add --personnummer 19850412-1235 --given-name Åsa --family-name Öberg --user 1
expect 2 "a personnummer with a wrong check digit is exit 2"
has personal_number "$err" "…naming personal_number"
hasnt 19850412 "$err" "…without the number in the message"
akta person list --user 1
[ "$(grep -c . <<<"$out")" = "$before" ] && ok "…and nothing was added" || bad "a person was added"
pnr=$(personnummer 19850412 123)
akta person add --personnummer "$pnr" --given-name Åsa --family-name Öberg --city Göteborg --user 1 --json
expect 0 "a valid personnummer is added"
akta person list --search öberg --user 1
has "Öberg, Åsa" "$out" "person list finds her by 'öberg' (å ä ö through the console)"
akta journal add --home 1 --text 'Hembesök: Åsa berättade om skolstarten – "det går bra".' --user 1 --json
expect 0 "journal add"
entry=$(grep -o '[0-9][0-9]*' <<<"$out" | head -1)
akta journal sign "$entry" --user 1
expect 0 "journal sign"
akta journal list --home 1 --user 1
has 'Åsa berättade om skolstarten – "det går bra".' "$out" "the entry reads back unchanged"
akta journal search skolstarten --user 1
has "$entry" "$out" "journal search finds it"

echo "== register extract to PDF, read back on the Linux side"
extract_w="$home_w\\Utdrag för Maria Åberg.pdf"
akta extract --personnummer 19820118-2246 --pdf "$(winpath "$extract_w")" \
  --json "$(winpath "$home_w\\Utdrag för Maria Åberg.json")" --identity "BankID" \
  --accept-automatic --user "$dpo"
expect 0 "extract (Art. 15) to a PDF and JSON under 'Åsa Öberg'"
pdf_u=$(unixpath "$extract_w")
if [ -f "$pdf_u" ]; then
  text=$(pdftotext -layout "$pdf_u" - 2>/dev/null)
  has "Eriksson Åberg" "$text" "pdftotext reads the subject's name from the PDF"
  has "19820118-2246" "$text" "…and her number"
  head -c 5 "$pdf_u" | grep -q '%PDF-' && ok "the file is a PDF" || bad "not a PDF"
  # On Windows Akta looks for its font only in %SystemRoot%\Fonts (Arial, Segoe UI,
  # Calibri); in the test prefix the one there is DejaVu Sans under Arial's name.
  fonts=$(pdffonts "$pdf_u" 2>/dev/null | grep -c "CID TrueType *Identity-H *yes")
  [ "$fonts" -ge 1 ] && ok "the PDF embeds its TrueType font (from the system's Fonts folder)" ||
    bad "no embedded TrueType font"
  sum_before=$(sha256sum "$pdf_u" | cut -d' ' -f1)
else
  bad "no PDF at the path"
fi
json_u=$(unixpath "$home_w\\Utdrag för Maria Åberg.json")
if python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$json_u" 2>/dev/null; then
  ok "the JSON parses as UTF-8"
else
  bad "the JSON does not parse"
fi
if grep -q $'\r' "$json_u" 2>/dev/null; then bad "the JSON has CR line endings"; else ok "the JSON has LF line endings on Windows too"; fi

echo "== files Windows holds open"
if hold exclusive "$(winpath "$extract_w")" 20; then
  akta extract --personnummer 19820118-2246 --pdf "$(winpath "$extract_w")" \
    --identity "BankID" --accept-automatic --user "$dpo"
  expect 2 "an extract over a file another program has open is refused (never overwritten)"
  [ "$(sha256sum "$pdf_u" | cut -d' ' -f1)" = "$sum_before" ] && ok "…and the open file is unchanged" ||
    bad "the open file changed"
  wait
elif [ -z "${AKTA_LINUX:-}" ]; then
  bad "hold.exe could not open the PDF"
fi
if hold shared "$(winpath "$store_w\\akta.db")" 30; then
  akta backup create --user "$dpo"
  expect 0 "backup while another program has the store open (as the app does)"
  akta status
  expect 0 "status while the store is open elsewhere"
  wait
elif [ -z "${AKTA_LINUX:-}" ]; then
  bad "hold.exe could not open the store"
else
  akta backup create --user "$dpo"
  expect 0 "backup create"
fi
if hold exclusive "$(winpath "$store_w\\akta.db")" 15; then
  akta status
  expect 1 "a store another program locks is exit 1"
  has store_busy "$err" "…store_busy, not 'damaged'"
  wait
  akta status
  expect 0 "…and opens again once it is let go"
elif [ -z "${AKTA_LINUX:-}" ]; then
  bad "hold.exe could not lock the store"
fi

echo "== backup and restore"
akta backup list --user "$dpo"
expect 0 "backup list"
backup=$(ls "$(unixpath "$store_w\\backups")"/akta-backup-*.age 2>/dev/null | head -1)
[ -n "$backup" ] && ok "the backup is in the store's backups folder" || bad "no backup file"
backup_w="$store_w\\backups\\$(basename "$backup")"
restored_w="$home_w\\Återställd kopia"
akta --store "$(winpath "$restored_w")" backup restore "$(winpath "$backup_w")" \
  --identity "$(winpath "$home_w\\byråns nyckel.txt")"
expect 0 "backup restore into a new folder with å"
akta --store "$(winpath "$restored_w")" person list --search öberg --user 1
has "Öberg, Åsa" "$out" "the restored store has her"

echo "== retention"
akta retention preview --as-of 2045-01-01 --user "$dpo"
expect 0 "retention preview --as-of"
akta retention run --as-of 2045-01-01 --user "$dpo" --json
expect 0 "retention run --as-of"
has '"as_of": "2045-01-01"' "$out" "…prints its receipt"
akta audit verify
expect 0 "audit verify: the chain holds"
has "audit log intact" "$out" "…and says so"

if [ -z "${AKTA_LINUX:-}" ]; then
echo "== keychain (the Windows Credential Manager), at the default location"
unset AKTA_PASSPHRASE AKTA_STORE
default_u="$local_app_data/se.akta.app/store"
akta init --recovery-recipient "$recipient"
expect 0 "init with the keychain"
[ -f "$default_u/akta.db" ] && ok "the store is in the local (not roaming) app-data folder" ||
  bad "no store at $default_u"
akta status
expect 0 "a second process unlocks from the keychain"
has "keychain" "$out" "…status names the keychain"
store_id=$(sed -n 's/^store id: *//p' <<<"$out")
[ -n "$store_id" ] && ok "status prints the store id" || bad "no store id in: ${out:0:200}"
# Wine keeps Credential Manager's generic credentials here, one key per target name.
key="HKCU\\Software\\Wine\\Credential Manager\\Generic: Akta:$store_id"
listing=$(wine reg query "$key" 2>/dev/null | tr -d '\r')
has "UserName    REG_SZ    $store_id" "$listing" "the credential's target name is Akta:<store id>"
# CRED_PERSIST_ENTERPRISE (3): it roams with a roaming profile, as docs/INSTALL.md says.
has "Persist    REG_DWORD    0x3" "$listing" "…saved to roam with the profile (as documented)"
wine reg delete "$key" /f >/dev/null 2>&1
akta status
expect 3 "with the credential deleted, the store does not open"
has keychain_unavailable "$err" "…keychain_unavailable"
akta recover --identity "$(winpath "$home_w\\byråns nyckel.txt")"
expect 0 "recover puts the key back with the agency identity"
akta status
expect 0 "…and the store opens from the keychain again"
fi

if [ -n "${SETUP_EXE:-}" ]; then
  echo "== the uninstaller (silent): the program goes, the stores stay"
  wine 'C:\Program Files\Akta\uninstall.exe' /S >/dev/null 2>&1
  rc=$?
  err=""
  expect 0 "uninstall.exe /S"
  # The uninstaller runs a copy of itself and returns at once: wait for it.
  wineserver -w
  [ ! -e "$pf" ] && ok "C:\Program Files\Akta is gone" || bad "left behind: $(ls "$pf")"
  [ ! -e "$shortcut" ] && ok "the shortcut is gone" || bad "the shortcut stayed"
  wine reg query "$uninstall_key" >/dev/null 2>&1 && bad "the Installed-apps entry stayed" ||
    ok "the Installed-apps entry is gone"
  [ -f "$(unixpath "$store_w\\akta.db")" ] && [ -f "$local_app_data/se.akta.app/store/akta.db" ] &&
    ok "both stores are still there" || bad "a store was removed"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

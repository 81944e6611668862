; Akta's Windows installer, built on Linux with Debian's makensis (NSIS 3) and only its
; stock plugins: `.ci/windows` (docs/INSTALL.md). Not Tauri's template, whose bundler
; downloads a plugin at build time. A 64-bit installer (Akta is 64-bit only).
;
;   makensis -DVERSION=0.1.0 -DSRCDIR=<folder with the three files> -DICON=icons/icon.ico
;            -DOUTFILE=akta-setup-0.1.0.exe src-tauri/windows/akta.nsi
;
; Installs for all users into "C:\Program Files\Akta": akta-app.exe (the app),
; akta.exe (the command-line tool), WebView2Loader.dll (beside the app, which loads it),
; uninstall.exe; a Start-menu shortcut; an entry in "Installed apps". Silent with /S.
; The uninstaller removes exactly those, never a user's store (%LOCALAPPDATA%\se.akta.app)
; and nothing else in the folder.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef VERSION
  !error "-DVERSION=x.y.z is required"
!endif

!define PRODUCT "Akta"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Akta"
; Microsoft Edge WebView2 Runtime's client id (the same on every Windows).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
ShowInstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "Akta"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\akta-app.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; Windows' display language picks between them.
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"

LangString NeedsX64 ${LANG_SWEDISH} "Akta kräver 64-bitars Windows 10 eller senare."
LangString NeedsX64 ${LANG_ENGLISH} "Akta needs 64-bit Windows 10 or later."
LangString WebView2Missing ${LANG_SWEDISH} "Microsoft Edge WebView2 Runtime hittades inte. Akta-appen behöver den för att visa sitt fönster (den finns i Windows 11 och i uppdaterade Windows 10). Be IT-avdelningen installera den. Kommandoradsverktyget akta.exe fungerar utan den."
LangString WebView2Missing ${LANG_ENGLISH} "Microsoft Edge WebView2 Runtime was not found. The Akta app needs it to show its window (Windows 11 and updated Windows 10 have it). Ask your IT department to install it. The command-line tool akta.exe works without it."
LangString StoreKept ${LANG_SWEDISH} "Dina uppgifter i Akta (%LOCALAPPDATA%\se.akta.app) tas inte bort."
LangString StoreKept ${LANG_ENGLISH} "Your data in Akta (%LOCALAPPDATA%\se.akta.app) is not removed."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(NeedsX64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; Whether the WebView2 Runtime is installed, per machine or per user (Microsoft's
; documented check): its version under EdgeUpdate's clients, not empty nor 0.0.0.0.
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "WebView2: not found"
    MessageBox MB_OK|MB_ICONINFORMATION "$(WebView2Missing)" /SD IDOK
  ${Else}
    DetailPrint "WebView2: $0"
  ${EndIf}
FunctionEnd

Section "Akta"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "${SRCDIR}/akta-app.exe"
  File "${SRCDIR}/akta.exe"
  File "${SRCDIR}/WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\akta-app.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Akta"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\akta-app.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1

  Call CheckWebView2
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$INSTDIR\akta-app.exe"
  Delete "$INSTDIR\akta.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  ; Only when empty: anything else someone put there stays.
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DetailPrint "$(StoreKept)"
SectionEnd

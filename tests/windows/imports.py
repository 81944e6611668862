#!/usr/bin/env python3
"""The DLLs a Windows executable imports must be Windows' own (or, for the app, the
WebView2Loader.dll the installer puts beside it): no mingw runtime (libgcc, winpthread,
libstdc++), no OpenSSL or SQLite DLL, nothing a caseworker's PC lacks. Run by
.ci/windows with the executables' paths; exit 1 naming what else is imported."""
import subprocess
import sys

# Windows 10/11 system DLLs (system32), compared in lower case.
SYSTEM = {
    "advapi32.dll", "bcrypt.dll", "bcryptprimitives.dll", "combase.dll", "comctl32.dll", "comdlg32.dll",
    "crypt32.dll", "dwmapi.dll", "gdi32.dll", "imm32.dll", "kernel32.dll", "msvcrt.dll",
    "ncrypt.dll", "ntdll.dll", "ole32.dll", "oleaut32.dll", "propsys.dll", "secur32.dll",
    "setupapi.dll", "shcore.dll", "shell32.dll", "shlwapi.dll", "user32.dll", "userenv.dll",
    "uxtheme.dll", "version.dll", "winmm.dll", "ws2_32.dll", "dbghelp.dll", "iphlpapi.dll",
    "rpcrt4.dll", "powrprof.dll", "winspool.drv", "gdiplus.dll", "msimg32.dll", "dwrite.dll",
    "d2d1.dll", "windowscodecs.dll", "wininet.dll", "winhttp.dll", "credui.dll", "netapi32.dll",
}
BESIDE_THE_APP = {"webview2loader.dll"}


def imports(exe):
    dump = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", exe], check=True,
                          capture_output=True, text=True).stdout
    return sorted({line.split("DLL Name:")[1].strip() for line in dump.splitlines()
                   if "DLL Name:" in line})


failed = False
for exe in sys.argv[1:]:
    names = imports(exe)
    allowed = SYSTEM | (BESIDE_THE_APP if exe.endswith("akta-app.exe") else set())
    other = [n for n in names if n.lower() not in allowed and not n.lower().startswith("api-ms-win-")]
    print(f"{exe.rsplit('/', 1)[-1]}: {', '.join(names)}")
    if other:
        print(f"  not Windows' own: {', '.join(other)}")
        failed = True
sys.exit(1 if failed else 0)

/*
 * TEST-ONLY stand-in for Windows' bcryptprimitives.dll. NEVER SHIPPED.
 *
 * Rust's standard library takes its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has and Wine 8 lacks: without it
 * every Rust program exits at start under Wine. `.ci/windows` builds this file with
 * mingw and copies the DLL into the Wine prefix's system32 (never beside akta.exe,
 * never into the installer), so that the real akta.exe can run its story under Wine.
 * It draws from RtlGenRandom (advapi32's SystemFunction036), which Wine implements.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

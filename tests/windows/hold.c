/*
 * TEST-ONLY: holds a file open as another Windows program would, for the Wine story
 * of `.ci/windows` (tests/windows/story.sh). Never shipped.
 *
 *   hold.exe shared|exclusive PATH SECONDS
 *
 * `shared` opens PATH for reading and writing and lets others read, write and delete
 * it (as SQLite, and so another Akta, opens a store); `exclusive` shares nothing (as a
 * program that locks a file it has open). Prints "held" once the file is open, then
 * keeps it open for SECONDS. Exit 1 when the file cannot be opened.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: hold.exe shared|exclusive PATH SECONDS\n");
        return 2;
    }
    DWORD share = 0;
    if (wcscmp(argv[1], L"shared") == 0) {
        share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    } else if (wcscmp(argv[1], L"exclusive") != 0) {
        fprintf(stderr, "hold: mode is shared or exclusive\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[2], GENERIC_READ | GENERIC_WRITE, share, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold: cannot open (error %lu)\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)_wtoi(argv[3]) * 1000);
    CloseHandle(h);
    return 0;
}

/*
 * abi-1.1.c - the size of every public struct of airs 1.1.0 (abi.h): the
 * first size the library accepts for the structs 1.1 published.
 *
 * Compiled against the published 1.1 headers in abi/1.1/include, never
 * against include/, so these are the sizes a program built against 1.1
 * passes - on whatever platform the library is built for.
 */
#include "airs/airs.h"

#include "abi.h"

#if AIRS_VERSION_NUMBER != 10100
#error "abi-1.1.c must be compiled against the 1.1 headers (abi/1.1/include)"
#endif

#define AIRS__ABI_SINCE_1_0(kind, type) [AIRS__ABI_##kind] = sizeof(type),
#define AIRS__ABI_SINCE_1_1(kind, type) [AIRS__ABI_##kind] = sizeof(type),
const size_t airs__abi_size_1_1[AIRS__ABI_COUNT] = {
#include "abi-structs.h"
};

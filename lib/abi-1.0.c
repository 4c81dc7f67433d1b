/*
 * abi-1.0.c - the size of every public struct of airs 1.0.0, the first
 * size the library accepts for it (abi.h).
 *
 * Compiled against the published 1.0 headers in abi/1.0/include, never
 * against include/, so these are the sizes a program built against 1.0
 * passes - on whatever platform the library is built for.
 */
#include "airs/airs.h"

#include "abi.h"

#if AIRS_VERSION_NUMBER != 10000
#error "abi-1.0.c must be compiled against the 1.0 headers (abi/1.0/include)"
#endif

#define AIRS__ABI_SINCE_1_0(kind, type) [AIRS__ABI_##kind] = sizeof(type),
#define AIRS__ABI_SINCE_1_1(kind, type)
const size_t airs__abi_size_1_0[AIRS__ABI_COUNT] = {
#include "abi-structs.h"
};

/*
 * abi.c - the size protocol of public structs (abi.h).
 */
#include "abi.h"

#include <string.h>

#include "airs/common.h"

int airs__struct_in(void *dst, size_t have, const void *src, size_t first)
{
	size_t size, i;

	if (!src) {
		memset(dst, 0, have);
		memcpy(dst, &have, sizeof have);
		return AIRS_OK;
	}
	size = airs__abi_size(src);
	if (size == have) {                 /* the caller's header is ours */
		memcpy(dst, src, have);
		return AIRS_OK;
	}
	if (size < first || (size > have && size - have > AIRS__ABI_SLACK))
		return AIRS_EINVAL;
	for (i = have; i < size; i++)
		if (((const unsigned char *)src)[i])
			return AIRS_EINVAL;
	memset(dst, 0, have);
	memcpy(dst, src, size < have ? size : have);
	memcpy(dst, &have, sizeof have);
	return AIRS_OK;
}

int airs__struct_out_check(const void *out, size_t have, size_t first)
{
	size_t size;

	if (!out)
		return AIRS_EINVAL;
	size = airs__abi_size(out);
	return size >= first && (size <= have || size - have <= AIRS__ABI_SLACK)
	               ? AIRS_OK
	               : AIRS_EINVAL;
}

void airs__struct_out(void *out, const void *src, size_t have)
{
	size_t size;

	if (!out)
		return;
	size = airs__abi_size(out);
	memcpy((char *)out + sizeof size, (const char *)src + sizeof size,
	       (size < have ? size : have) - sizeof size);
}

const char *airs__struct_why(const void *src, size_t have, size_t first)
{
	size_t size = airs__abi_size(src);

	if (size < first)
		return "size is not set: initialise it with its *_INIT macro";
	if (size - have > AIRS__ABI_SLACK)
		return "size is not one any airs header gives: initialise it "
		       "with its *_INIT macro";
	return "sets fields this version of airs does not know: the program "
	       "was built against newer airs headers than the library it "
	       "runs with";
}

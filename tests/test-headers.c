/* Build-only test: the public headers are strict C99 (and, through
 * test-headers.cpp, C++). */
#include <airs/airs.h>

int main(void)
{
	airs_diag d = AIRS_DIAG_INIT;
	airs_allocator a = AIRS_ALLOCATOR_INIT;
	airs_unit_rec u = AIRS_UNIT_REC_INIT;
	airs_load_options o = AIRS_LOAD_OPTIONS_INIT;

	(void)a;
	(void)u;
	(void)o;
	return airs_diag_format(&d, 0, 0) == 0 ? 0 : 1;
}

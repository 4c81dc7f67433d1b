#include "airs/airs.h"
#include "harness.h"
Suite *make_suite(void) { return suite_create("audit"); }

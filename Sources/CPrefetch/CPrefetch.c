// The prefetch hint is a static inline function in include/CPrefetch.h;
// SwiftPM needs one source file for a C target.
#include "CPrefetch.h"

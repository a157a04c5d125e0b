#include <sqlite3.h>

/* sqlite3_config is variadic (not callable from Swift). Turns off SQLite's
   memory statistics, which take a global mutex on every allocation; must
   run before the first connection is opened. Returns SQLITE_OK or
   SQLITE_MISUSE (already initialised: harmless). */
static inline int rendement_sqlite_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

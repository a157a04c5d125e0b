#ifndef RENDEMENT_CPREFETCH_H
#define RENDEMENT_CPREFETCH_H

/// A hint to the processor to start loading the cache line at `address`
/// (GCC/Clang __builtin_prefetch, read, keep in all cache levels). Swift has
/// no prefetch of its own; the importer uses it to start the random memory
/// access of a pseudonym lookup while the rest of the row is validated.
static inline void rendement_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif

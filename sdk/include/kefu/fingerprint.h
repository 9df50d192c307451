/* The build fingerprint a plugin stamps into its ABI record, computed from the compiler's own
 * macros in the plugin's translation unit. The host computes the same string for itself and
 * compares part by part (see host/platforms/fingerprint.cpp for what each part means). */
#ifndef KEFU_FINGERPRINT_H
#define KEFU_FINGERPRINT_H

#define KEFU_FP_STR2(x) #x
#define KEFU_FP_STR(x) KEFU_FP_STR2(x)

#if defined(__x86_64__)
#define KEFU_FP_ARCH "x86_64"
#elif defined(__aarch64__)
#define KEFU_FP_ARCH "aarch64"
#elif defined(__i386__)
#define KEFU_FP_ARCH "i386"
#elif defined(__arm__)
#define KEFU_FP_ARCH "arm"
#else
#define KEFU_FP_ARCH "unknown"
#endif

#if defined(__LP64__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KEFU_FP_DATA "lp64-le"
#elif defined(__LP64__)
#define KEFU_FP_DATA "lp64-be"
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KEFU_FP_DATA "ilp32-le"
#else
#define KEFU_FP_DATA "ilp32-be"
#endif

#if defined(__clang__)
#define KEFU_FP_CXX "clang-" KEFU_FP_STR(__clang_major__)
#elif defined(__GNUC__)
#define KEFU_FP_CXX "gcc-" KEFU_FP_STR(__GNUC__)
#else
#define KEFU_FP_CXX "unknown"
#endif

#ifdef __cplusplus
/* Any standard header defines the library's identification macros. */
#include <cstddef>
#if defined(_LIBCPP_VERSION)
#define KEFU_FP_STDLIB "libc++"
#elif defined(__GLIBCXX__) && defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define KEFU_FP_STDLIB "libstdc++-cxx11abi1"
#elif defined(__GLIBCXX__)
#define KEFU_FP_STDLIB "libstdc++-cxx11abi0"
#else
#define KEFU_FP_STDLIB "unknown"
#endif
#else
#define KEFU_FP_STDLIB "none"
#endif

#define KEFU_BUILD_FINGERPRINT "arch=" KEFU_FP_ARCH ";data=" KEFU_FP_DATA ";cxx=" KEFU_FP_CXX ";stdlib=" KEFU_FP_STDLIB

#endif /* KEFU_FINGERPRINT_H */

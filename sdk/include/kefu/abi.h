/* Kefu plugin ABI: the only thing that crosses between the host and a plugin.
 *
 * Why a C ABI: a plugin may be built out of tree with another compiler or standard library.
 * Only fixed-width integers, pointers to C structs, function pointers and UTF-8 byte ranges
 * cross; every payload is JSON text (see kefu/model.hpp and kefu/json.hpp for its shape).
 * No C++ object, allocation or exception ever crosses, so no deleter lives on the wrong side
 * and a plugin may be unloaded-never safely.
 *
 * Handshake (read by the host in this order, before any plugin function runs):
 *   1. the exported variable `kefu_plugin_abi` (a kefu_abi_record): magic, SDK version,
 *      build fingerprint;
 *   2. the exported factory `kefu_plugin_create`: builds one plugin instance and returns its
 *      function table.
 * Both are exported with BOOST_DLL_ALIAS by KEFU_PLUGIN() in kefu/plugin.hpp, so they sit in the
 * "boostdll" section where the host can see them without running plugin code.
 *
 * Compatibility rule: a host with SDK X.Y loads a plugin built with SDK A.B iff A == X and
 * B <= Y. Structs only ever grow at the end (minor bump); each side reads a field only when the
 * other side's struct_size covers it. Any reorder or removal is a major bump.
 */
#ifndef KEFU_ABI_H
#define KEFU_ABI_H

#include <stddef.h>
#include <stdint.h>

#define KEFU_SDK_VERSION_MAJOR 1
#define KEFU_SDK_VERSION_MINOR 7
#define KEFU_SDK_VERSION_PATCH 0
#define KEFU_SDK_VERSION_STRING "1.7.0"

/* "KEFU" in little-endian byte order: lets the host tell a Kefu record from random bytes. */
#define KEFU_ABI_MAGIC 0x5546454Bu

/* Names of the two exported aliases. */
#define KEFU_ABI_RECORD_SYMBOL "kefu_plugin_abi"
#define KEFU_FACTORY_SYMBOL "kefu_plugin_create"

#ifdef __cplusplus
extern "C" {
#endif

/* Status of every call across the boundary. */
enum {
  KEFU_OK = 0,
  KEFU_ERROR = 1,      /* failed; the error sink holds why */
  KEFU_UNSUPPORTED = 2 /* the plugin does not provide this capability */
};

/* Log levels for kefu_host_api.log. */
enum { KEFU_LOG_DEBUG = 0, KEFU_LOG_INFO = 1, KEFU_LOG_WARN = 2, KEFU_LOG_ERROR = 3 };

/* A borrowed UTF-8 byte range; not NUL-terminated. Valid for the duration of the call. */
typedef struct kefu_str {
  const char* data;
  size_t size;
} kefu_str;

/* Where the callee writes its answer: it calls append() zero or more times. The caller owns
 * the memory behind ctx, so nothing allocated on one side is ever freed on the other. */
typedef struct kefu_sink {
  void* ctx;
  void (*append)(void* ctx, const char* data, size_t size);
} kefu_sink;

/* Exported by every plugin as `kefu_plugin_abi`. Read before any plugin function is called. */
typedef struct kefu_abi_record {
  uint32_t magic;       /* KEFU_ABI_MAGIC */
  uint32_t struct_size; /* sizeof(kefu_abi_record) in the plugin's SDK */
  uint16_t sdk_major;
  uint16_t sdk_minor;
  uint16_t sdk_patch;
  uint16_t reserved;
  /* Compiler, standard library and target, e.g.
   * "arch=x86_64;data=lp64-le;cxx=gcc-12;stdlib=libstdc++-cxx11abi1". Static storage. */
  const char* fingerprint;
} kefu_abi_record;

/* Services the host offers every plugin (HTTP, logging, config), so no plugin re-implements
 * them. The plugin may keep the pointer for the life of its instance. */
typedef struct kefu_host_api {
  uint32_t struct_size;
  uint16_t sdk_major;
  uint16_t sdk_minor;
  void* ctx;
  void (*log)(void* ctx, int32_t level, kefu_str message);
  /* request/response are JSON (kefu::HttpRequest / kefu::HttpResponse in kefu/model.hpp). */
  int32_t (*http)(void* ctx, kefu_str request_json, kefu_sink* response_json, kefu_sink* error);
  /* The plugin's own section of the host configuration, as a JSON object ("{}" when none). */
  int32_t (*config)(void* ctx, kefu_sink* config_json, kefu_sink* error);
} kefu_host_api;

/* The function table of one plugin instance. Every function answers with a status; on
 * KEFU_OK the JSON answer is in `out`, on KEFU_ERROR a message is in `error`. */
typedef struct kefu_plugin_vtable {
  uint32_t struct_size;
  int32_t (*info)(void* self, kefu_sink* out, kefu_sink* error);           /* kefu::PlatformInfo */
  int32_t (*rules)(void* self, kefu_sink* out, kefu_sink* error);          /* kefu::RuleSet */
  int32_t (*words)(void* self, kefu_sink* out, kefu_sink* error);          /* kefu::WordList */
  int32_t (*metric_profile)(void* self, kefu_sink* out, kefu_sink* error); /* kefu::MetricProfile */
  /* request: kefu::ImportRequest; payload: the raw bytes of the export file. */
  int32_t (*import_native)(void* self, kefu_str request_json, kefu_str payload, kefu_sink* out,
                           kefu_sink* error);                                            /* kefu::ImportResult */
  int32_t (*fetch)(void* self, kefu_str request_json, kefu_sink* out, kefu_sink* error); /* kefu::FetchResult */
  void (*destroy)(void* self);
} kefu_plugin_vtable;

typedef struct kefu_plugin_instance {
  const kefu_plugin_vtable* vtable;
  void* self;
} kefu_plugin_instance;

/* Exported by every plugin as `kefu_plugin_create`. */
typedef int32_t (*kefu_plugin_create_fn)(const kefu_host_api* host, kefu_plugin_instance* out, kefu_sink* error);

#ifdef __cplusplus
}
#endif

#endif /* KEFU_ABI_H */

// Files the host writes: replaced whole or not at all, and the rejects file that keeps every
// row an input could not use (`<input>.rejects.csv`: line,reason,original).
//
// Kefu writes only regular files. A name that is a symbolic link, a named pipe, a device or a
// directory is refused with an error naming it (a link could send a report or a rejects file
// over a file someone else chose). The content goes to a new temporary file in the same
// directory (created O_EXCL, never through a link) and is renamed over the name at the end.
#pragma once

#include <kefu/model.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// Throws std::runtime_error naming `path` when something other than a regular file (or nothing)
// is there. With `own_header`, an existing file is also refused unless it starts with it: a
// file Kefu did not write is never replaced.
void check_output_target(const std::string& path, std::string_view own_header = {});

// Writes through a temporary file next to `path` and renames it over `path`, so a reader (or
// a crash) never sees half a file. Throws std::runtime_error naming the path on failure, and
// when check_output_target(path, own_header) refuses it.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view own_header = {});

// The same for writers that need a file name (libxlsxwriter): `write` gets a name in a private
// (0700) directory beside `path`; what it writes there replaces `path`.
void write_file_atomically_by_name(const std::string& path, const std::function<void(const std::string&)>& write);

// One CSV field: quoted (quotes doubled) when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);
// The same, appended to `out` (no temporary: converting a sheet writes millions of fields).
void append_csv_field(std::string& out, std::string_view value);

// The first line of every rejects file: how Kefu recognizes one it wrote.
inline constexpr std::string_view kRejectsHeader = "line,reason,original\n";

// `<input>.rejects.csv`, or with `rejects_dir` (--rejects-dir, for inputs on a read-only
// share) `<rejects_dir>/<input's file name>.rejects.csv`.
std::string rejects_path(const std::string& input, const std::string& rejects_dir = "");

// Writes rejects_path(input, rejects_dir) when there are rejects and returns its path; with none,
// removes a stale one from an earlier run and returns "". Only a rejects file Kefu wrote is
// replaced or removed; anything else at that name is an error naming it (replace) or left alone
// (remove).
std::string write_rejects_file(const std::string& input, const std::vector<Reject>& rejects,
                               const std::string& rejects_dir = "");

}  // namespace kefu::host

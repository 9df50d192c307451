// Files the host writes: replaced whole or not at all, and the rejects file that keeps every
// row an input could not use (`<input>.rejects.csv`: line,reason,original).
#pragma once

#include <kefu/model.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kefu::host {

// Writes through a temporary file next to `path` and renames it over `path`, so a reader (or
// a crash) never sees half a file. Throws std::runtime_error naming the path on failure.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

// One CSV field: quoted (quotes doubled) when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);

std::string rejects_path(const std::string& input);

// Writes rejects_path(input) when there are rejects and returns its path; with none, removes a
// stale one from an earlier run and returns "".
std::string write_rejects_file(const std::string& input, const std::vector<Reject>& rejects);

}  // namespace kefu::host

// What was done to a tabular input before it was read (a workbook sheet or Excel's "Unicode
// text" converted to CSV, base/table_text.h), said once per file in the user's language; and
// why a workbook could not be read.
#pragma once

#include "base/table_text.h"
#include "base/xlsx.h"
#include "present/text.h"

#include <string>

namespace kefu::host {

// "" when the file was read as it is.
std::string table_note(const TableSource& source, Lang lang);

// Why a workbook cannot be read and what to do, in `lang` (English: the error's what()).
std::string workbook_error(const xlsx::Error& error, Lang lang);

}  // namespace kefu::host

// "Unduh" and the print view of the Analisis Beban Kerja screen (issue 11 item
// 4): the ABK forms of an office subtree for a year — the server's XLSX when
// online, else a CSV of Form D from this device's data; the print view (Form E
// and Form D) always from this device's data, so it works offline.
#pragma once
#include <functional>
#include <string>

namespace seimbang::app {

class App;

// `done` gets a string-table key saying what happened.
void download_abk(App& a, const std::string& scope, int year, std::function<void(const std::string&)> done);
void print_abk(App& a, const std::string& scope, int year, std::function<void(const std::string&)> done);

}  // namespace seimbang::app

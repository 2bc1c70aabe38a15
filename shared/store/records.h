// Conversions between records and the JSON row form used by rows.h and sync.
#pragma once
#include <nlohmann/json.hpp>

#include "model/types.h"
#include "store/schema.h"
#include "store/value.h"

namespace seimbang::store {

nlohmann::json to_fields(const Office& o);
nlohmann::json to_fields(const Position& p);
nlohmann::json to_fields(const Employee& e);
nlohmann::json to_fields(const AbkTask& t);
nlohmann::json to_fields(const Placement& p);

Office office_from_row(const nlohmann::json& r);
Position position_from_row(const nlohmann::json& r);
Employee employee_from_row(const nlohmann::json& r);
AbkTask task_from_row(const nlohmann::json& r);
Placement placement_from_row(const nlohmann::json& r);
// The same mappings from a typed row (store/value.h) of table t.
Office office_from_row(const TableSpec& t, const Row& r);
Position position_from_row(const TableSpec& t, const Row& r);
Employee employee_from_row(const TableSpec& t, const Row& r);
AbkTask task_from_row(const TableSpec& t, const Row& r);
Placement placement_from_row(const TableSpec& t, const Row& r);

CompetenceLevels competences_from_text(const std::string& json_text);
std::string competences_to_text(const CompetenceLevels& c);

}  // namespace seimbang::store

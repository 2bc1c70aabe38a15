#include <doctest/doctest.h>

#include "i18n/strings.h"

using namespace seimbang::i18n;

TEST_CASE("string table: every key appears once") { CHECK(table_keys_unique()); }

TEST_CASE("string table: Indonesian by default, English on request, key when missing") {
    CHECK(tr("nip.bad_length", Lang::id) == "NIP harus 18 digit");
    CHECK(tr("nip.bad_length", Lang::en) == "NIP must have 18 digits");
    CHECK(tr("no.such.key", Lang::id) == "no.such.key");
    for (const char* code : {"nip.required", "nip.bad_birth_date", "nip.bad_gender", "nip.duplicate", "field.required",
                             "golongan.pns_expected", "abk.csv.bad_number", "store.error"}) {
        CHECK_MESSAGE(has(code, Lang::id), code);
        CHECK_MESSAGE(has(code, Lang::en), code);
    }
}

TEST_CASE("describe joins message and detail") {
    seimbang::Issue i{"field.too_long", "name", "200", false};
    CHECK(describe(i, Lang::en) == "Too long (maximum characters): 200");
}

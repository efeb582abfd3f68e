// Every error carries a stable code beside its path: one line per input the core refuses.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "settle/settle.h"

namespace {

struct Refused {
  const char* input;
  const char* code;
  const char* path;
};

// A visit of yantai's (its rules start 2023-01-01), and a case around it.
#define VISIT(fields) "{\"date\": \"2024-03-01\", \"total\": 100000, \"basic_paid\": 10000" fields "}"
#define CASE(fields, visit) "{\"city\": \"yantai\"" fields ", \"visits\": [" visit "]}"

const Refused kRefused[] = {
    {"", "empty_input", ""},
    {"{\"city\": ", "not_json", ""},
    {"[]", "expected_object", ""},
    {"{\"town\": \"yantai\"}", "unknown_field", "town"},
    {"{\"visits\": []}", "missing_field", "city"},
    {"{\"city\": 7}", "expected_string", "city"},
    {"{\"city\": \"atlantis\", \"visits\": []}", "unknown_city", "city"},
    {CASE(", \"scheme\": \"farmer\"", VISIT("")), "unknown_scheme", "scheme"},
    {CASE(", \"identities\": \"minimum_living\"", VISIT("")), "expected_array", "identities"},
    {CASE(", \"identities\": [\"king\"]", VISIT("")), "unknown_category", "identities[0]"},
    {"{\"city\": \"yantai\", \"visits\": []}", "no_visits", "visits"},
    {"{\"city\": \"yantai\", \"visits\": {}}", "expected_array", "visits"},
    {CASE("", "{\"total\": 100}"), "missing_field", "visits[0].date"},
    {CASE("", "{\"date\": \"2024-02-30\", \"total\": 100}"), "date_day", "visits[0].date"},
    {CASE("", "{\"date\": \"2020-03-01\", \"total\": 100}"), "no_policy_on", "visits[0].date"},
    {CASE("", VISIT(", \"kind\": \"dental\"")), "unknown_kind", "visits[0].kind"},
    {CASE("", VISIT(", \"hospital_level\": 4")), "bad_hospital_level", "visits[0].hospital_level"},
    {CASE("", VISIT(", \"designated\": \"yes\"")), "expected_boolean", "visits[0].designated"},
    {CASE("", "{\"date\": \"2024-03-01\"}"), "missing_field", "visits[0].total"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": -1}"), "amount_negative", "visits[0].total"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": \"12.345\"}"), "amount_decimals", "visits[0].total"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": 100000001}"), "amount_too_large", "visits[0].total"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": true}"), "amount_wrong_type", "visits[0].total"},
    {CASE("", VISIT(", \"in_policy\": 200000")), "in_policy_above_total", "visits[0].in_policy"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": 100, \"basic_paid\": 200}"), "basic_above_in_policy",
     "visits[0].basic_paid"},
    {CASE("", VISIT(", \"critical_paid\": 95000")), "paid_above_in_policy", "visits[0].critical_paid"},
    {CASE("", "{\"date\": \"2024-03-01\", \"total\": 100, \"designated\": false, \"basic_paid\": 10}"),
     "paid_while_not_covered", "visits[0].basic_paid"},
    {CASE(", \"applied\": \"2024-3\"", VISIT("")), "bad_applied_month", "applied"},
    {CASE(", \"parameters\": {\"no.such.parameter\": 1}", VISIT("")), "unknown_parameter",
     "parameters.no.such.parameter"},
    {CASE(", \"prior\": {\"year\": 2023}", VISIT("")), "prior_year_without_visit", "prior.year"},
    {CASE(", \"prior\": {\"year\": 2024, \"assistance\": {\"base\": 10, \"paid\": 20}}", VISIT("")),
     "prior_paid_above_base", "prior.assistance.paid"},
};

}  // namespace

TEST_CASE("every refused input has its code and path") {
  for (const Refused& refused : kRefused) {
    INFO(refused.input);
    const settle::Result<settle::Settlement> settlement = settle::settle(refused.input);
    REQUIRE(!settlement.ok());
    CHECK(std::string(settlement.error().code) == refused.code);
    CHECK(settlement.error().path == refused.path);
    CHECK(!settlement.error().message.empty());
    // The contract's error object carries the same code.
    const settle::SettleOutput output = settle::settle_json(refused.input);
    CHECK(!output.ok);
    CHECK(output.json.find(std::string("\"code\":\"") + refused.code + "\"") != std::string::npos);
  }
}

// A case's required field left out is named as the page names it (the message is shown under the
// field, e.g. when a person clears the date): never the field's JSON name.
struct Missing {
  const char* input;
  const char* path;
  const char* message;
};

const Missing kMissing[] = {
    {"{\"visits\": []}", "city", "请填写城市"},
    {"{\"city\": \"yantai\"}", "visits", "请填写就诊记录"},
    {CASE("", "{\"total\": 100}"), "visits[0].date", "请填写就诊日期"},
    {CASE("", "{\"date\": \"2024-03-01\"}"), "visits[0].total", "请填写医疗总费用"},
    {CASE(", \"parameters\": {\"assistance.minimum_living.ratio\": {\"source\": \"文件\"}}", VISIT("")),
     "parameters.assistance.minimum_living.ratio.value", "请填写参数的取值"},
    {CASE(", \"prior\": {\"basic_paid\": 10}", VISIT("")), "prior.year", "请填写此前已支付的所属年度"},
    {CASE(", \"prior\": {\"year\": 2024, \"assistance\": {\"paid\": 20}}", VISIT("")), "prior.assistance.base",
     "请填写此前累计的计算基数"},
    {CASE(", \"prior\": {\"year\": 2024, \"assistance\": {\"base\": 20}}", VISIT("")), "prior.assistance.paid",
     "请填写此前已支付的金额"},
};

TEST_CASE("a case's missing field is named in plain Chinese") {
  for (const Missing& missing : kMissing) {
    INFO(missing.input);
    const settle::Result<settle::Settlement> settlement = settle::settle(missing.input);
    REQUIRE(!settlement.ok());
    CHECK(std::string(settlement.error().code) == "missing_field");
    CHECK(settlement.error().path == missing.path);
    CHECK(settlement.error().message == missing.message);
    const std::string& message = settlement.error().message;
    CHECK(std::none_of(message.begin(), message.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }));
  }
}

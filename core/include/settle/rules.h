// The policy rules of each city, as loaded from rules/*.json (embedded at build time).
// Every number is a Parameter that carries its source and provenance.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "settle/date.h"
#include "settle/money.h"
#include "settle/result.h"

namespace settle {

// stated in a source, derived from a stated rule, assumed (not on file), given by the user, the
// calculator's own convention (计算约定: where the documents are silent on how to compute), or
// missing (未收录: a step that could not use a standard because none is on file).
enum class Provenance { stated, derived, assumed, given, convention, missing };
// How far a provenance is from a stated number: a step shows the weakest of what it used.
int weakness(Provenance provenance);
enum class Scheme { employee, resident };
// 住院, 门诊慢特病, 大病保险特殊药品, 普通门诊
enum class VisitKind { inpatient, chronic_outpatient, special_drug, outpatient };
// Every visit kind, in the contract's order: what a case or a rules file may name, what cities() lists.
inline constexpr VisitKind kVisitKinds[] = {VisitKind::inpatient, VisitKind::chronic_outpatient,
                                            VisitKind::special_drug, VisitKind::outpatient};
enum class Tier { basic, critical, assistance, reassistance };
// Yearly accumulators: 基本医保 (given per visit), 大病保险 (inpatient + chronic), its special
// drugs, and 医疗救助/再救助.
enum class Pool { basic, critical, special_drug, assistance };

struct Source {
  std::string document;  // "烟政办发〔2022〕25号"
  std::string clause;    // "三（六）1"

  bool operator==(const Source& other) const { return document == other.document && clause == other.clause; }
  bool operator!=(const Source& other) const { return !(*this == other); }
};

enum class Unit { yuan, percent, months };

// One number of the rules. `missing` = not on file: a settlement that needs it must get it from
// the case; `unlimited` = the document says there is none (不设年度最高支付限额).
struct Parameter {
  enum class State { value, unlimited, missing };
  std::string id;  // stable, e.g. "assistance.minimum_living.ratio"
  Unit unit = Unit::yuan;
  State state = State::missing;
  int64_t value = 0;  // fen for yuan, basis points for percent, a count for months
  bool may_be_unlimited = false;
  Source source;
  Provenance provenance = Provenance::stated;
  std::string note;   // for the people who read the result: the reading, or what is missing
  std::string label;  // plain Chinese name ("医疗救助年度最高支付限额（低保对象）"), never the id
  // A yearly cap not on file that an estimate may take as not reached (rules: "if_missing":
  // "not_reached"): the figure is computed without it, and the settlement says so.
  bool not_reached_if_missing = false;

  Fen amount() const { return Fen(value); }
  Ratio ratio() const { return Ratio{value}; }
};

struct Band {
  Parameter to;  // upper bound of the band on the yearly base (yuan), unlimited for the last
  Parameter ratio;
};

// One tier's schedule for some schemes and categories: deductible (起付标准), bands, yearly cap.
struct TierRule {
  std::string id;
  Tier tier = Tier::assistance;
  Pool pool = Pool::assistance;
  std::vector<Scheme> schemes;
  std::vector<std::string> categories;  // category ids; "general" = 普通参保人员
  Parameter deductible;
  std::vector<Band> bands;
  Parameter cap;
  Source source;
  std::string quote;  // the clause's words, for explainer pages
  std::string name;   // the tier's own name where the city's differs (柳州: 职工大额医疗费用补助)
  // 因病致贫 (烟政办发〔2022〕25号 三（七）): the burden may reach back this many months before the
  // month of application; one recognition covers one natural year. Unit months; absent = none.
  std::optional<Parameter> look_back;
  // 一次性救助 on application (柳州 六（二）): settled here as a running yearly figure spread over the
  // visits (the year's total is the same), which the settlement says is our convention.
  bool lump_sum = false;
  // A deductible that follows a yearly figure (e.g. half of the previous year's per-capita
  // income): the visit year's entry replaces `deductible`, which then stands for the other years.
  std::map<int, Parameter> deductible_by_year;

  const Parameter& deductible_in(int year) const {
    auto found = deductible_by_year.find(year);
    return found != deductible_by_year.end() ? found->second : deductible;
  }
};

// 基本医保 estimate for when the case does not give basic_paid, for some schemes and visit kinds:
// per visit, (in_policy − deductible) × ratio by hospital level, a later admission in the year
// paying a share of the deductible, the yearly cap shared by every visit of these kinds.
struct BasicLevel {
  Parameter deductible;
  Parameter ratio;
};
struct BasicEstimate {
  std::string id;
  std::vector<Scheme> schemes;
  std::vector<VisitKind> kinds;                      // default: inpatient
  std::vector<BasicLevel> levels;                    // one (any hospital level) or three (一级, 二级, 三级)
  std::optional<Parameter> repeat_deductible_share;  // a later inpatient admission in the year
  Parameter cap;
  Source source;
};

struct EarlyWarningThreshold {
  std::vector<std::string> categories;
  Parameter share;  // of the province's previous-year per-capita disposable income
};

// 高额医疗费用支出预警 (烟政办发〔2022〕25号 四（九）).
struct EarlyWarning {
  Source source;
  std::map<int, Parameter> income_by_year;  // 全省居民人均可支配收入, by the year it describes
  std::vector<EarlyWarningThreshold> thresholds;
};

// A clause that settles a tier for some categories without a schedule: either the document gives
// them none (烟台 三（七）: 因病致贫 gets no 再救助), or it refers them to standards not on file
// (济宁 一、二是: "其他人员按原有政策执行").
struct TierGap {
  enum class Reading { none, earlier_policy };
  std::vector<Tier> tiers;
  std::vector<std::string> categories;
  Reading reading = Reading::none;
  Source source;
  std::string quote;
  std::string note;
};

// A clause the city's own documents give for one of the calculator's rules (就高不重复, the
// non-designated rule); absent = the calculator's convention.
struct Clause {
  Source source;
  std::string quote;
};

struct Period {
  Date from;
  std::optional<Date> to;  // inclusive; none = still in force
  Source document;         // clause = where the date of effect is stated
  std::string title;
  Provenance from_provenance = Provenance::stated;
  std::vector<VisitKind> assistance_kinds;
  Source assistance_kinds_source;
  Provenance assistance_kinds_provenance = Provenance::stated;
  std::string assistance_kinds_note;
  std::vector<VisitKind> assistance_kinds_assumed;  // kinds whose inclusion is a reading, not stated
  // Kinds whose assistance the documents leave to rules not on file (济宁 门诊: 79号 四、二是):
  // not assisted here, but 未收录, never "not in scope".
  std::vector<VisitKind> assistance_kinds_missing;
  std::string assistance_kinds_missing_note;
  std::optional<Date> issued;             // the document's date (印发/落款); none = not on file
  std::optional<Clause> highest_only;     // 就高不重复 where the city's document says so
  std::optional<Clause> non_designated;   // where the city's document says funds pay only 定点
  std::optional<Clause> designated_only;  // a clause that names 定点 for assistance with no emergency exception
  std::vector<TierGap> gaps;
  std::vector<TierRule> rules;
  std::vector<BasicEstimate> basic_estimates;
  std::optional<EarlyWarning> early_warning;
  std::string preliminary;  // non-empty: every settlement warns that the standards are provisional
};

// A group of people the assistance tiers name (低保对象, 特困人员, ...). A case's `identities` are
// category ids (CONTRACT.md "identities"); none = 普通参保人员, the id "general" in the rules.
struct Category {
  std::string id;
  std::string name;
  std::string assumed;  // non-empty: who the category covers is a reading (柳州 一类/二类), said in every settlement
};

struct City {
  std::string id;
  std::string name;
  std::string file;  // "rules/yantai.json"
  std::vector<Category> categories;
  std::vector<Period> periods;

  const Period* period_on(const Date& date) const;
  const Category* category(const std::string& category_id) const;
};

// Loads and validates one rules file; the error path names the file and field
// ("rules/yantai.json: periods[0].rules[2].cap.value").
Result<City> load_city(const std::string& file, const std::string& json_text);

// Every embedded city, loaded once. An invalid embedded file is an error here (and in the tests).
const Result<std::vector<City>>& cities();

// The embedded city `id` ("yantai"), loading only its own file when it has one; an unknown id is
// an error at "city" that lists the cities on file.
Result<const City*> find_city(const std::string& id);

// Plain Chinese names, as the page shows them: 职工医保, 居民医保; 住院, 门诊慢特病, ...
const char* scheme_name(Scheme scheme);
const char* kind_name(VisitKind kind);

}  // namespace settle

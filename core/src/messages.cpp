#include "messages.h"

#include <iterator>
#include <string_view>
#include <utility>

#include "rules_internal.h"

namespace settle::detail {

Error error_at(std::string path, Error error) {
  error.path = std::move(path);
  return error;
}

}  // namespace settle::detail

namespace settle::detail::messages {
std::string yuan(Fen amount) {
  return format_yuan(amount) + " 元";
}

namespace {

std::string join(const std::vector<std::string>& items, const char* separator = "、") {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

// A quote ends inside the sentence that quotes it: "…实行救助”；", not "…实行救助。”；".
std::string without_full_stop(const std::string& quote) {
  static const std::string stop = "。";
  if (quote.size() >= stop.size() && quote.compare(quote.size() - stop.size(), stop.size(), stop) == 0)
    return quote.substr(0, quote.size() - stop.size());
  return quote;
}

std::string cite(const Source& source) {
  return source.document + " " + source.clause;
}

std::string parameter_value(const Parameter& parameter) {
  if (parameter.state == Parameter::State::unlimited) return "不设上限";
  if (parameter.unit == Unit::percent) return format_percent(parameter.ratio());
  return yuan(parameter.amount());
}

// The code is set here, beside the message it names: stable, ASCII, for programs.
Error refused(const char* code, std::string message) {
  return Error{"", std::move(message), code};
}

// What a parameter takes, as a typed value's error says it.
std::string unit_hint(const Parameter& parameter) {
  switch (parameter.unit) {
    case Unit::yuan:
      return "“" + parameter.label + "”是金额（元），填写数字，如 30000" +
             (parameter.may_be_unlimited ? "；没有上限时填写“不设”" : "");
    case Unit::percent: return "“" + parameter.label + "”是比例，填写百分数，如 80%";
    case Unit::months: return "“" + parameter.label + "”是月数，填写整数，如 12";
  }
  return "";
}
}  // namespace

Error not_json(size_t byte_position) {
  return refused("not_json", "输入不是合法的 JSON（约第 " + std::to_string(byte_position) +
                                 " 个字节处出错），请检查括号、引号和逗号");
}
Error too_large(size_t max_bytes) {
  return refused("too_large", "输入超过 " + std::to_string(max_bytes / 1024) + " KiB 的上限，未做计算");
}
Error too_deep(int max_depth) {
  return refused("too_deep", "输入的嵌套层数超过 " + std::to_string(max_depth) + " 层，不符合案例格式");
}
Error duplicate_key(const std::string& key) {
  return refused("duplicate_key", "字段“" + key + "”重复出现，请只保留一个");
}
Error expected_object() {
  return refused("expected_object", "这里应是一个对象（{...}）");
}
Error expected_array() {
  return refused("expected_array", "这里应是一个列表（[...]）");
}
Error expected_string() {
  return refused("expected_string", "这里应是一个字符串");
}
Error expected_boolean() {
  return refused("expected_boolean", "这里应填 true 或 false");
}
// A case's required fields as a person knows them (the page shows the message under the field; a
// program has the path and the code). A rules file's field of the same name (city, value) reads
// the same; its others are named as written: only the person editing that file meets them.
Error missing_field(const std::string& name) {
  static const std::pair<std::string_view, std::string_view> kCaseFields[] = {
      {"city", "城市"},
      {"visits", "就诊记录"},
      {"date", "就诊日期"},
      {"total", "医疗总费用"},
      {"value", "参数的取值"},
      {"year", "此前已支付的所属年度"},
      {"base", "此前累计的计算基数"},
      {"paid", "此前已支付的金额"},
  };
  for (const auto& [field, label] : kCaseFields)
    if (name == field) return refused("missing_field", "请填写" + std::string(label));
  return refused("missing_field", "缺少必填字段“" + name + "”");
}
Error unknown_field(const std::string& name, std::initializer_list<std::string_view> known) {
  std::vector<std::string> names(known.begin(), known.end());
  return refused("unknown_field", "不认识的字段“" + name + "”（可能是拼写错误）；允许的字段：" + join(names));
}
Error one_of(const std::vector<std::string>& names) {
  return refused("one_of", "取值应为以下之一：" + join(names));
}
Error nul_byte(size_t byte_number) {
  return refused("nul_byte", "输入的第 " + std::to_string(byte_number) +
                                 " 个字节是空字符（NUL），JSON 中不能有；案例之后也不能再有别的内容，请只保存案例本身");
}
Error empty_input() {
  return refused("empty_input", "输入是空的，没有案例");
}
Error input_is_directory() {
  return refused("input_is_directory", "给出的是一个文件夹，不是案例文件；请给出一个案例的 JSON 文件");
}
Error input_is_device() {
  return refused("input_is_device", "给出的是一个设备，不是案例文件；请给出一个案例的 JSON 文件");
}

Error date_format() {
  return refused("date_format", "日期应写成 YYYY-MM-DD，例如 2023-04-02");
}
Error date_year() {
  return refused("date_year", "年份应在 1900 到 2199 之间");
}
Error date_month() {
  return refused("date_month", "月份应在 01 到 12 之间");
}
Error date_day(std::string_view text) {
  return refused("date_day", "这个月没有这一天：" + std::string(text));
}
Error amount_decimals() {
  return refused("amount_decimals", "金额最多保留两位小数（精确到分）");
}
Error amount_not_a_number() {
  return refused("amount_not_a_number", "金额应为数字，例如 12345 或 \"12345.67\"（单位：元）");
}
Error ratio_format() {
  return refused("ratio_format", "比例应写成百分数，例如 \"80%\"");
}
Error ratio_range() {
  return refused("ratio_range", "比例应在 0% 到 1000% 之间，最多两位小数");
}

Error amount_too_large() {
  return refused("amount_too_large", "金额不能超过 100,000,000 元");
}
Error amount_negative() {
  return refused("amount_negative", "金额不能为负数");
}
Error amount_wrong_type() {
  return refused("amount_wrong_type", "金额应为数字或数字字符串，例如 12345 或 \"12345.67\"（单位：元）");
}
Error number_out_of_range() {
  return refused("number_out_of_range", "这个数太大，超出了能处理的范围；金额不能超过 100,000,000 元");
}

Error unknown_city(const std::string& id, const std::vector<City>& cities) {
  std::vector<std::string> known;
  for (const City& city : cities) known.push_back(city.id + "（" + city.name + "）");
  return refused("unknown_city", "没有城市“" + id + "”的规则；可选：" + join(known));
}
Error unknown_scheme() {
  return refused("unknown_scheme", "险种应为 employee（职工医保）或 resident（居民医保）");
}
Error unknown_category(const std::string& id, const City& city) {
  std::vector<std::string> known;
  for (const Category& category : city.categories) known.push_back(category.id + "（" + category.name + "）");
  return refused("unknown_category", "“" + id + "”不是" + city.name + "的救助对象类别；可选：" + join(known, "；"));
}
Error unknown_kind() {
  std::string text = "就诊类型应为 ";
  const size_t count = std::size(kVisitKinds);
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) text += i + 1 == count ? "或 " : "、";
    text += std::string(kind_id(kVisitKinds[i])) + "（" + kind_name(kVisitKinds[i]) + "）";
  }
  return refused("unknown_kind", text);
}
Error bad_hospital_level() {
  return refused("bad_hospital_level", "医院等级应为 1、2 或 3（一级、二级、三级）");
}
Error no_policy_on(const City& city, const std::string& date) {
  std::string covered;
  for (const Period& period : city.periods) {
    if (!covered.empty()) covered += "、";
    covered += period.from.to_string() + " 至 " + (period.to ? period.to->to_string() : std::string("今"));
  }
  return refused("no_policy_on", city.name + "在 " + date + " 没有已收录的政策；已收录的政策覆盖：" + covered);
}
Error in_policy_above_total(Fen in_policy, Fen total) {
  return refused("in_policy_above_total",
                 "政策范围内费用（" + yuan(in_policy) + "）不能大于医疗总费用（" + yuan(total) + "）");
}
Error basic_above_in_policy(Fen basic, Fen in_policy) {
  return refused("basic_above_in_policy",
                 "基本医保已支付（" + yuan(basic) + "）不能大于政策范围内费用（" + yuan(in_policy) + "）");
}
Error paid_above_in_policy(Fen basic, Fen critical, Fen in_policy) {
  return refused("paid_above_in_policy", "基本医保已支付（" + yuan(basic) + "）与大病保险已支付（" + yuan(critical) +
                                             "）之和不能大于政策范围内费用（" + yuan(in_policy) + "）");
}
Error paid_while_not_covered() {
  return refused("paid_while_not_covered", "非定点医疗机构且非急诊抢救的费用，医保基金不予支付，这里只能填 0 或不填");
}
Error no_visits() {
  return refused("no_visits", "至少要填写一次就诊");
}
Error too_many_visits(size_t max_visits) {
  return refused("too_many_visits", "一个案例最多 " + std::to_string(max_visits) + " 次就诊，请分开计算");
}

Error unknown_parameter(const std::string&, const std::string& city) {
  return refused("unknown_parameter", "这一项不是" + city + "可以填写的本地标准；可填写的各项见“政策参数”");
}
Error parameter_wrong_unit(const Parameter& parameter) {
  return refused("parameter_wrong_unit", unit_hint(parameter));
}
Error parameter_refused(const Error& reason, const Parameter& parameter) {
  return refused(reason.code, reason.message + "（" + unit_hint(parameter) + "）");
}
std::string calendar_year(int year) {
  return std::to_string(year) + " 年";
}
std::string user_parameter() {
  return "用户填写";
}
std::string user_parameter_clause(const std::string& label) {
  return label;
}
Error source_too_long() {
  return refused("source_too_long", "来源最多 200 个字节（约 60 个汉字）");
}
Error bad_applied_month() {
  return refused("bad_applied_month", "申请月份应写成 YYYY-MM，例如 2023-05");
}
Error prior_paid_above_base(Fen paid, Fen base) {
  return refused("prior_paid_above_base", "此前已支付（" + yuan(paid) + "）不能大于此前累计的计算基数（" + yuan(base) +
                                              "）：基金只在基数上支付");
}
Error prior_bad_year() {
  return refused("prior_bad_year", "年份应为 1900 到 2199 之间的整数，例如 2024");
}
Error prior_year_without_visit(int year) {
  return refused("prior_year_without_visit",
                 "本年度此前的累计要对应填写的就诊年份：案例中没有 " + std::to_string(year) + " 年的就诊");
}
Error prior_above_cap(const std::string& tier, Fen paid, Fen cap) {
  return refused("prior_above_cap", tier + "此前已支付 " + yuan(paid) + "，超过了年度限额 " + yuan(cap) + "，请核对");
}
std::string prior_reassistance_assumed(Fen base, Fen paid) {
  return "本年度此前的再救助未填写：按此前的医疗救助，经医疗救助后政策范围内个人负担累计 " + yuan(base) +
         "，按此前已获应得的再救助 " + yuan(paid) + "计算；实际不同时，请在“本年度此前”里填写再救助";
}
std::string prior_included(Fen paid) {
  return "本年度此前已支付 " + yuan(paid) + "（用户填写），已计入年度累计。";
}
std::string window_name(const std::string& from, const std::string& to) {
  return "认定期间（" + from + " 至 " + to + "）";
}
std::string window_ended(const std::string& tier, const std::string& from, const std::string& to) {
  return tier + "：因病致贫认定的救助期（" + from + " 至 " + to + "）已结束，之后的费用需重新申请认定。";
}
std::string year_left(const std::string& tier, const std::string& period, Fen paid, Parameter::State cap_state,
                      bool cap_assumed, Fen cap, Fen left, const std::optional<Fen>& to_threshold, int tier_kind) {
  // Appended into one buffer: a batch run writes this sentence for every tier of every case.
  std::string text;
  text.reserve(256);
  text.append(tier).append("：").append(period).append("已支付 ").append(yuan(paid));
  switch (cap_state) {
    case Parameter::State::value:
      text.append("，年度限额 ").append(yuan(cap)).append("，还剩 ").append(yuan(left));
      break;
    case Parameter::State::unlimited: text.append(cap_assumed ? "，按假设不设年度限额" : "，不设年度限额"); break;
    case Parameter::State::missing: text.append("，年度限额未收录"); break;
  }
  if (to_threshold) {
    static const char* const kBases[] = {"", "政策范围内费用扣除基本医保后的累计", "政策范围内个人负担",
                                         "经医疗救助后的政策范围内个人负担"};
    text.append("；")
        .append(kBases[tier_kind])
        .append("再增加 ")
        .append(yuan(*to_threshold))
        .append("即可启动")
        .append(tier);
  }
  return text.append("。");
}
std::string basic_needed(const std::string& city, const std::string& scheme, const std::string& kind,
                         bool has_inpatient_estimate) {
  if (has_inpatient_estimate)
    return "已收录的" + city + scheme + "估算参数只适用于住院，无法估算" + kind +
           "的基本医保；请按结算单填写基本医保统筹基金已支付金额";
  return "已收录的" + city + "政策没有" + scheme +
         "基本医保报销参数，无法估算；请按结算单填写基本医保统筹基金已支付金额";
}
Error hospital_level_needed() {
  return refused("hospital_level_needed", "没有填写基本医保已支付金额时，需要医院等级（1、2 或 3）来估算");
}
std::string basic_parameter_missing(const Parameter& parameter) {
  return "估算基本医保需要“" + parameter.label + "”，已收录的资料中没有（未收录：" + parameter.note +
         "）；请按结算单填写基本医保已支付金额，或在“政策参数”中填写这一项";
}
std::string critical_rule_missing(const std::string& city, const std::string& scheme, const std::string& category,
                                  bool special_drug) {
  return std::string("已收录的") + city + "政策没有" + scheme + category + "的" +
         (special_drug ? "大病保险特殊药品" : "大病保险") + "参数；请按结算单填写大病保险已支付金额";
}
std::string critical_parameter_missing(const Parameter& parameter) {
  return "计算需要“" + parameter.label + "”，已收录的文件中没有（未收录：" + parameter.note +
         "）；请按结算单填写大病保险已支付金额，或在“政策参数”中填写这一项";
}
std::string parameter_missing(const Parameter& parameter) {
  return "计算需要“" + parameter.label + "”，已收录的文件中没有（未收录：" + parameter.note +
         "）；请在“政策参数”中填写这一项";
}
Error parameters_missing(const std::vector<std::string>& labels) {
  return refused("parameters_missing", "还差 " + std::to_string(labels.size()) + " 项才能计算：" + join(labels, "；") +
                                           "。本地标准请在“政策参数”中填写；结算单上的已支付金额请填在那次就诊里");
}
std::string slip_label(size_t visit_number, const std::string& tier) {
  return "第 " + std::to_string(visit_number) + " 次就医的" + tier + "已支付金额（按结算单）";
}
std::string cap_taken_as_unreached(const Parameter& cap) {
  return cap.label + "未收录：粗估按未达到该限额计算，费用很高时实际支付可能更少；知道本地限额时可在“政策参数”中填写";
}
std::string category_incomplete(const std::string& category, const std::vector<std::string>& labels) {
  return category + "还差 " + std::to_string(labels.size()) + " 项本地标准（" + join(labels, "；") +
         "），未能参与就高比较；填写后会一并比较";
}

std::string basic_estimated(size_t visit_number) {
  return "第 " + std::to_string(visit_number) +
         " 次就诊的基本医保支付额是粗估（用的是假设参数），以医保结算单为准；有结算单时请填写实际金额";
}
std::string preliminary(const std::string& note) {
  return "本市标准为初步设定，仅供参考：" + note;
}
std::string parameters_overridden(const std::vector<std::string>& labels) {
  return "本次计算使用了用户填写的本地标准：" + join(labels) + "（结果中标为“用户填写”）";
}
std::string applied_missing(const std::string& category, int64_t months) {
  return category + "未填写申请月份，按自然年度计算；填写后可把申请之月前 " + std::to_string(months) +
         " 个月的费用纳入";
}
std::string recognition_window(const std::string& from, const std::string& to, int64_t months, const Source& source) {
  return "认定期间 " + from + " 至 " + to + " 是本计算器对" + cite(source) + "的理解（依规推算）：申请之月前 " +
         std::to_string(months) +
         " 个月起至申请当年年底的政策范围内个人负担合并累计，共用一个救助起付标准和救助限额；请向经办机构核实";
}
std::string lump_sum_as_running(const std::string& tier, const Source& source) {
  return tier + "是依申请的一次性救助（" + cite(source) +
         "）；这里按本年累计计算、分到各次就诊（计算约定），各次合计等于按全年费用一次计算的金额，实际在申请后一次支付";
}
std::string outside_recognition(size_t visit_number, const std::string& from, const std::string& to) {
  return "第 " + std::to_string(visit_number) + " 次就诊不在本次因病致贫认定的救助期（" + from + " 至 " + to +
         "）内，不予救助";
}
std::string visit_not_covered(size_t visit_number, const std::string& date) {
  return "第 " + std::to_string(visit_number) + " 次就诊（" + date +
         "）在非定点医疗机构且非急诊抢救，各项基金均不支付，费用全部自费";
}
std::string employee_supplement_name() {
  return "职工大额医疗费用补助";
}
std::string employee_supplement() {
  return "职工医保：计算出的大病保险不含职工大额医疗费用补助（参数未收录）；如已享受，请把补助金额一并填入“大病保险已支"
         "付”";
}
std::string kind_not_assisted(size_t visit_number, const std::string& kind, const std::string& city, bool assumed,
                              const Source& source) {
  return "第 " + std::to_string(visit_number) + " 次就诊是" + kind + "，" +
         (assumed ? "按本计算器的理解（假设）" : "按所列范围理解（依规推算）") + "不在" + city +
         "医疗救助的支付范围内（" + cite(source) + "）";
}
std::string general_not_assisted(const TierGap* gap) {
  if (gap != nullptr)
    return "普通参保人员不属于医疗救助对象（" + cite(gap->source) + "：" + gap->note +
           "）；如属于困难群众，请选择相应类别";
  return "普通参保人员不属于医疗救助对象（计算约定：已收录的本市文件只对困难群众规定医疗救助）；如属于困难群众，请选择"
         "相应类别";
}
std::string no_assistance_rule(const std::string& city, const std::string& category, Tier tier) {
  const char* name = tier == Tier::reassistance ? "再救助" : "医疗救助";
  return city + category + "的" + name + "标准未收录，本次按 0 元计算；实际可能有" + name +
         "，结果可能高估个人负担；请向经办机构核实";
}
std::string no_tier_for_category(const std::string& category, Tier tier, const TierGap& gap) {
  return category + "没有" + (tier == Tier::reassistance ? "再救助" : "医疗救助") + "：" + gap.note + "（" +
         cite(gap.source) + "）";
}
std::string earlier_policy_not_on_file(const std::string& city, const std::string& category, const TierGap& gap) {
  return city + "对" + category + "的医疗救助：" + cite(gap.source) + "写明“" + gap.quote +
         "”，原有政策的标准未收录，本次按 0 元计算，结果可能高估个人负担；请向经办机构核实原有标准后另行计算";
}
std::string no_standard_clause() {
  return "（该项标准未收录）";
}
std::string kind_assistance_missing(size_t visit_number, const std::string& kind, const std::string& city,
                                    const std::string& note) {
  return "第 " + std::to_string(visit_number) + " 次就诊是" + kind + "：" + city + kind + "的医疗救助标准未收录（" +
         note + "），本次按 0 元计算，结果可能高估个人负担";
}
std::string assumed_category(const std::string& name, const std::string& note) {
  return "“" + name + "”包括哪些人是本计算器的理解（假设）：" + note;
}
std::string emergency_non_designated(size_t visit_number, const std::optional<Clause>& rule,
                                     const std::optional<Clause>& designated_only) {
  std::string text = "第 " + std::to_string(visit_number) + " 次就诊在非定点医疗机构急诊抢救，本次照常计算医保和救助";
  if (rule) return text + "：依据 " + cite(rule->source) + "“" + rule->quote + "”，急诊和抢救除外";
  if (designated_only)
    return text + "：" + cite(designated_only->source) + "写的是“" + designated_only->quote +
           "”，没有写急诊抢救的例外；本计算器把急诊抢救视同定点就医（计算约定），实际是否救助请向经办机构核实";
  return text +
         "：这是本计算器的理解（计算约定：急诊抢救视同定点就医）；已收录的本市文件没有写明非定点医疗机构急诊抢救的费"
         "用能否救助，请向经办机构核实";
}
std::string emergency_as_designated() {
  return "非定点医疗机构急诊抢救，按定点就医计算（计算约定）。";
}
std::string documents(const Period& period) {
  // The title is on the city page and the print header; here the number and its dates.
  std::string text = "本次计算依据：" + period.document.document;
  text += period.issued ? "（" + period.issued->to_string() + " 印发，" : "（印发日期未收录，";
  text += period.from.to_string() + (period.from_provenance == Provenance::stated ? " 起施行）" : " 起适用，为假设）");
  return text;
}
std::string rules_may_be_outdated(const std::string& city, const std::string& newest, bool date_assumed,
                                  const std::string& date) {
  return "就诊日期 " + date + " 距" + city + "已收录的最新文件（" +
         (date_assumed ? "印发日期未收录，假设自 " + newest + " 起适用" : newest) +
         "）已超过两年，之后的文件可能已调整标准；请向经办机构核实";
}
std::string assumed_parameter(const Parameter& parameter) {
  return "使用了假设参数“" + parameter.label + "” = " + parameter_value(parameter) + "（" + parameter.note +
         "）；结果仅供参考";
}
std::string assumed_kinds(const Source& source, const std::string& note) {
  return "医疗救助覆盖这类费用是本计算器的理解（" + cite(source) + "：" + note + "）；结果仅供参考";
}
std::string assumed_period_start(const std::string& document, const std::string& date) {
  return document + "未写明施行日期，本计算器假设自 " + date + " 起施行";
}
std::string early_warning_no_income(int year) {
  return "没有 " + std::to_string(year) + " 年全省居民人均可支配收入数据，无法判断高额医疗费用预警";
}
std::string early_warning(const std::string& category, const std::string& date, Fen burden, Fen threshold, Ratio share,
                          Fen income, int income_year, const Source& source, bool supplement_not_deducted) {
  std::string text = "高额医疗费用预警：截至 " + date + "，本年个人累计负担（含自费）" + yuan(burden) + "，超过" +
                     category + "的预警线 " + yuan(threshold) + "（" + std::to_string(income_year) +
                     " 年全省居民人均可支配收入 " + yuan(income) + "的 " + format_percent(share) + "）。依据：" +
                     cite(source) +
                     "。个人累计负担含自费是本计算器的理解（原文只写“报销后个人累计负担”，未写明是否含自费）";
  if (supplement_not_deducted)
    text += "；职工大额医疗费用补助的标准未收录，只有把补助金额填入“大病保险已支付”时才会扣除";
  return text;
}
std::string identity_chosen(const std::vector<std::pair<std::string, Fen>>& benefits, const std::string& chosen,
                            const std::optional<Clause>& rule) {
  std::vector<std::string> parts;
  for (const auto& [name, benefit] : benefits) parts.push_back(name + " " + yuan(benefit));
  std::string text =
      "就高不重复：按各类别分别计算大病保险与救助合计（" + join(parts, "；") + "），采用" + chosen + "。";
  if (rule)
    return text + "依据：" + cite(rule->source) + "“" + without_full_stop(rule->quote) + "”；按结果比较是计算约定";
  return text + "本市文件未写明多重身份怎样救助，就高不重复是计算约定";
}

std::string general_category_name() {
  return "普通参保人员";
}
std::string settlement_slip() {
  return "结算单";
}
std::string basic_slip_clause() {
  return "用户填写的基本医保统筹基金支付额";
}
std::string critical_slip_clause() {
  return "用户填写的大病保险支付额";
}
std::string contract() {
  return "计算约定";
}
std::string contract_critical_kinds() {
  return "大病保险只支付住院、门诊慢特病和特殊药品费用";
}
std::string contract_not_covered() {
  return "非定点医疗机构（急诊抢救除外）医保基金不予支付";
}

std::string list_of(const std::vector<std::string>& items, const char* separator) {
  return join(items, separator);
}
const char* tier_name(Tier tier, Pool pool) {
  switch (tier) {
    case Tier::basic: return "基本医保";
    case Tier::critical: return pool == Pool::special_drug ? "大病保险特殊药品" : "大病保险";
    case Tier::assistance: return "医疗救助";
    case Tier::reassistance: return "再救助";
  }
  return "";
}
std::string basic_label_name(const std::string& kinds) {
  return "基本医保" + kinds;
}
std::string early_warning_name() {
  return "高额医疗费用预警线";
}
std::string parameter_label(const std::string& tier, const std::string& role, const std::string& who) {
  return tier + role + (who.empty() ? "" : "（" + who + "）");
}
const char* provenance_name(Provenance provenance) {
  switch (provenance) {
    case Provenance::stated: return "原文规定";
    case Provenance::derived: return "依规推算";
    case Provenance::assumed: return "假设参数";
    case Provenance::given: return "用户填写";
    case Provenance::convention: return "计算约定";
    case Provenance::missing: return "未收录";
  }
  return "";
}
std::string role_deductible(std::optional<int> year) {
  return year ? std::to_string(*year) + "年起付标准" : "起付标准";
}
std::string role_band_upper(size_t band) {
  return "第" + std::to_string(band) + "段上限";
}
std::string role_bands_upper() {
  return "分段上限";
}
std::string role_bands_ratio() {
  return "分段比例";
}
std::string role_ratio(std::optional<size_t> band) {
  return band ? "第" + std::to_string(*band) + "段支付比例" : "支付比例";
}
std::string role_cap() {
  return "年度最高支付限额";
}
std::string role_look_back() {
  return "可向前追溯的月数";
}
std::string role_repeat_share() {
  return "年度内再次住院的起付标准（占首次的比例）";
}
std::string role_share() {
  return "（占上年全省居民人均可支配收入的比例）";
}
std::string level_and(std::optional<int> level, const std::string& who) {
  static const char* const names[] = {"一级医院", "二级医院", "三级医院"};
  std::vector<std::string> parts;
  if (level) parts.emplace_back(names[*level - 1]);
  if (!who.empty()) parts.push_back(who);
  return join(parts, "，");
}
std::string income_label(int year) {
  return std::to_string(year) + "年全省居民人均可支配收入";
}

Error rules_missing_needs_note() {
  return refused("rules_missing_needs_note", "未收录的参数（null）要在 note 里说明缺什么、去哪里找");
}
Error rules_reading_needs_note() {
  return refused("rules_reading_needs_note", "derived 和 assumed 的参数要在 note 里写明推算方法或线索");
}
Error rules_unlimited_not_allowed() {
  return refused("rules_unlimited_not_allowed", "这一项要填写具体数值，不能填“不设”");
}
Error rules_unknown_category(const std::string& id) {
  return refused("rules_unknown_category", "类别“" + id + "”不在本文件的 categories 中");
}
Error rules_empty_list() {
  return refused("rules_empty_list", "列表不能为空");
}
Error rules_unreadable() {
  return refused("rules_unreadable", "计算器内置的政策规则无法读取（程序构建有误），未做计算");
}
Error rules_pool_only_for_critical() {
  return refused("rules_pool_only_for_critical", "只有大病保险规则有 pool");
}
Error rules_ratio_above_100() {
  return refused("rules_ratio_above_100", "比例不能超过 100%");
}
Error rules_band_order() {
  return refused("rules_band_order", "分段上限应逐段递增，只有最后一段为 \"none\"");
}
Error rules_duplicate_id(const std::string& id) {
  return refused("rules_duplicate_id", "“" + id + "”重复");
}
Error rules_overlap(const std::string& first, const std::string& second) {
  return refused("rules_overlap", "规则“" + first + "”与“" + second + "”适用于同一险种和类别");
}
Error rules_period_order() {
  return refused("rules_period_order", "政策期间应按时间先后排列且互不重叠");
}
Error rules_three_levels() {
  return refused("rules_three_levels", "levels 应为一项（不分医院等级）或三项（一级、二级、三级医院）");
}
Error rules_not_reached_only_caps() {
  return refused("rules_not_reached_only_caps", "只有限额可以写 if_missing: not_reached（未收录时按未达到限额估算）");
}
Error bad_months() {
  return refused("bad_months", "月数应为 0 到 120 的整数，写成字符串，例如 \"12\"");
}
Error rules_city_file(const std::string& id, const std::string& file) {
  return refused("rules_city_file", "城市“" + id + "”应放在 rules/" + id + ".json，而不是 " + file);
}

}  // namespace settle::detail::messages

#include "explain.h"

#include "messages.h"

namespace settle::detail {
namespace {

using messages::tier_name;
using messages::yuan;

// explain_tier writes every step's sentence, so it appends into one string rather than adding
// temporaries (a sixth of a settlement with steps went on those, callgrind).
void append_yuan(std::string& text, Fen amount) {
  text += format_yuan(amount);
  text += " 元";
}

// "10万元": band edges read as the documents write them.
std::string edge(Fen amount) {
  if (amount.fen() % 1'000'000 == 0 && amount > Fen()) return std::to_string(amount.fen() / 1'000'000) + "万元";
  std::string text = format_yuan(amount);
  if (amount.fen() % 100 == 0) text.resize(text.size() - 3);
  return text + "元";
}

const char* base_label(Tier tier) {
  switch (tier) {
    case Tier::critical: return "政策范围内费用扣除基本医保后";
    case Tier::assistance: return "政策范围内个人负担";
    case Tier::reassistance: return "经医疗救助后政策范围内个人负担";
    case Tier::basic: return "政策范围内费用";
  }
  return "";
}

const char* verb(Tier tier) {
  switch (tier) {
    case Tier::critical: return "支付";
    case Tier::assistance: return "救助";
    case Tier::reassistance: return "再救助";
    case Tier::basic: return "支付";
  }
  return "";
}

std::string percent(const std::optional<Ratio>& ratio) {
  return ratio ? format_percent(*ratio) : "未收录";
}

void append_ratio(std::string& text, const Step& step) {
  if (step.segments.size() == 1) {
    text += step.segments.front().ratio ? "比例 " : "比例";
    text += percent(step.segments.front().ratio);
    return;
  }
  text += "分段比例";
  for (size_t i = 0; i < step.segments.size(); ++i) {
    const Segment& segment = step.segments[i];
    text += i == 0 ? " " : "、";
    text += percent(segment.ratio);
    text += "（";
    text += edge(segment.from);
    if (segment.to) {
      text += "至";
      text += edge(*segment.to);
    } else {
      text += "以上";
    }
    text += "）";
  }
}

// "；起付标准、支付比例：国办发〔2021〕42号 全国底线（假设参数）": values cited apart from the rule.
void append_parameter_sources(std::string& text, const Step& step) {
  for (const CitedSource& cited : step.parameter_sources) {
    text += "；";
    if (cited.source == step.source) {
      // An assumed value under the step's own clause: the clause does not say it (the warning says why).
      text += "其中" + cited.parameters + "为" + messages::provenance_name(cited.provenance);
      continue;
    }
    text += cited.parameters;
    text += "：";
    if (cited.provenance == Provenance::given) {
      // A typed value's clause is its own label; its document, the source the user named.
      text += messages::user_parameter();
      if (cited.source.document != messages::user_parameter()) text += "（来源：" + cited.source.document + "）";
      continue;
    }
    text += cited.source.document;
    if (!cited.source.clause.empty()) {
      text += ' ';
      text += cited.source.clause;
    }
    text += "（";
    text += messages::provenance_name(cited.provenance);
    text += "）";
  }
}

}  // namespace

std::string explain_tier(const Step& step, VisitKind kind, const std::string& category_name) {
  std::string text;
  text.reserve(640);
  const bool cumulative = step.year_base != step.base || step.paid_before > Fen();
  const char* period = step.window ? "认定期间" : "本年";
  text += "本次";
  text += kind_name(kind);
  text += base_label(step.tier);
  text += ' ';
  append_yuan(text, step.base);
  if (cumulative) {
    text += "（";
    if (step.window) {
      text += "认定期间 ";
      text += step.window->first.to_string();
      text += " 至 ";
      text += step.window->second.to_string();
      text += " 累计 ";
    } else {
      text += "本年累计 ";
    }
    append_yuan(text, step.year_base);
    text += "）";
  }
  text += "，";
  text += category_name;
  text += step.name;
  switch (step.deductible_shown) {
    case Shown::value:
      text += "起付标准 ";
      append_yuan(text, step.deductible.value_or(Fen()));
      break;
    case Shown::missing: text += "起付标准未收录"; break;
    default: text += "起付标准 0.00 元"; break;
  }
  text += "，";
  append_ratio(text, step);
  switch (step.cap_shown) {
    case Shown::value:
      text += "，年度限额 ";
      append_yuan(text, step.cap);
      break;
    case Shown::none: text += step.cap_assumed ? "，按假设不设年度限额" : "，不设年度限额"; break;
    default: text += step.cap_unknown ? "，年度限额未收录（粗估按未达到计算）" : "，年度限额未收录"; break;
  }
  bool unused_missing = step.cap_shown == Shown::missing && !step.cap_unknown;
  for (const Segment& segment : step.segments) unused_missing = unused_missing || !segment.ratio;
  if (unused_missing) text += "（未收录的数值本次用不到，不影响结果）";
  text += "。";
  if (cumulative) {
    text += "按";
    text += period;
    text += "累计应";
    text += verb(step.tier);
    text += ' ';
    append_yuan(text, step.year_figure);
    if (step.cap_shown == Shown::value && step.year_figure == step.cap) text += "（已达年度限额）";
    text += "，此前已";
    text += verb(step.tier);
    text += ' ';
    append_yuan(text, step.paid_before);
    text += "，本次";
    text += verb(step.tier);
    text += ' ';
    append_yuan(text, step.paid);
    if (step.year_figure - step.paid_before != step.paid) {
      text += "（差额 ";
      append_yuan(text, max(Fen(), step.year_figure - step.paid_before));
      text += "，以本次基数 ";
      append_yuan(text, step.base);
      text += "为限";
      if (step.year_figure < step.paid_before) text += "、不低于 0 元";
      text += "）";
    } else {
      text += "（";
      append_yuan(text, step.year_figure);
      text += " − ";
      append_yuan(text, step.paid_before);
      text += "）";
    }
  } else {
    text += "本次";
    text += verb(step.tier);
    text += ' ';
    append_yuan(text, step.paid);
    if (step.cap_shown == Shown::value && step.paid == step.cap && step.paid > Fen()) text += "（已达年度限额）";
  }
  text += "。依据：";
  text += step.source.document;
  text += ' ';
  text += step.source.clause;
  append_parameter_sources(text, step);
  text += "。";
  return text;
}

std::string explain_basic_estimate(const Step& step, VisitKind kind, std::optional<int> hospital_level,
                                   bool repeat_admission, bool yielded_to_slip) {
  static const char* kLevels[] = {"一级", "二级", "三级"};
  std::string text = "粗估：本次" + std::string(kind_name(kind)) + "政策范围内费用 " + yuan(step.base) + "，";
  // The Shandong reading: a special drug's 合规药费 is paid by 大病保险特殊药品, not by basic insurance.
  if (kind == VisitKind::special_drug && step.segments.front().ratio &&
      step.segments.front().ratio->basis_points == 0) {
    text += "按由大病保险特殊药品支付、基本医保不支付计算，估计基本医保支付 " + yuan(step.paid) + "。依据：" +
            step.source.document + " " + step.source.clause;
    append_parameter_sources(text, step);
    return text + "（粗估，以结算单为准）。";
  }
  if (hospital_level) text += std::string(kLevels[*hospital_level - 1]) + "医院";
  text += *step.deductible > Fen() ? "起付标准 " + yuan(*step.deductible) : std::string("粗估不计起付标准");
  if (repeat_admission) text += "（年度内再次住院，按比例降低）";
  text += "，报销比例 " + percent(step.segments.front().ratio);
  if (step.has_cap) {
    text += "，年度限额 " + yuan(step.cap) + "（此前已用 " + yuan(step.paid_before) + "）";
  } else if (step.cap_unknown) {
    text += "，年度限额未收录（按未达到计算）";
  }
  text += "，估计基本医保支付 " + yuan(step.paid);
  if (yielded_to_slip) text += "（已按结算单的大病保险金额减少，两者合计不超过政策范围内费用）";
  text += "。依据：" + step.source.document + " " + step.source.clause;
  append_parameter_sources(text, step);
  return text + "（粗估，以结算单为准）。";
}

std::string explain_missing(Tier tier, Pool pool) {
  return std::string(tier_name(tier, pool)) + "所需的本地标准未收录，暂时无法计算。";
}

std::string explain_look_back_outside(Tier tier, const std::string& from, const std::string& to) {
  return "本次就诊不在因病致贫认定的救助期（" + from + " 至 " + to + "）内，" + tier_name(tier, Pool::assistance) +
         " 0.00 元。";
}

std::string explain_given(const Step& step) {
  return step.name + "已支付 " + yuan(step.paid) + "（按结算单，用户填写），计入本年累计。";
}

std::string explain_not_covered(const Step& step, const Clause* rule) {
  std::string text = "非定点医疗机构且非急诊抢救，" + step.name + "不予支付";
  if (rule) return text + "（原文：“" + rule->quote + "”）。";
  return text + "（计算约定：已收录的本市文件没有写明，按医保基金只支付定点医疗机构费用计算）。";
}

std::string explain_not_assisted_outside_designated(const Step& step, const Clause& designated_only) {
  return "非定点医疗机构且非急诊抢救，" + step.name + " 0.00 元（按原文理解：原文写的是“" + designated_only.quote +
         "”）。";
}

std::string explain_kind_without_critical(VisitKind kind) {
  return std::string(kind_name(kind)) +
         "费用不计入大病保险（计算约定：大病保险只支付住院、门诊慢特病和大病保险特殊药品费用），大病保险支付 0.00 元。";
}

std::string explain_kind_not_assisted(Tier tier, VisitKind kind) {
  return std::string(kind_name(kind)) + "费用不在本市文件所列的" + tier_name(tier, Pool::assistance) +
         "范围内（按所列范围理解），" + tier_name(tier, Pool::assistance) + " 0.00 元。";
}

std::string explain_kind_assistance_missing(Tier tier, VisitKind kind, const std::string& note) {
  const std::string name = tier_name(tier, Pool::assistance);
  return std::string("本市") + kind_name(kind) + "的" + name + "标准未收录（" + note +
         "），本次按 0.00 元计；实际可能有" + name + "，个人负担可能偏高。";
}

std::string explain_no_rule(const Step& step, const std::string& category_name, const TierGap* gap, bool general) {
  const std::string& name = step.name;
  if (gap != nullptr && gap->reading == TierGap::Reading::none)
    return gap->note + "，" + (general ? std::string() : category_name) + name + " 0.00 元。";
  if (gap != nullptr)
    return category_name + "按原有政策执行（原文：“" + gap->quote + "”），原有政策的" + name +
           "标准未收录，本次按 0.00 元计；实际可能有" + name + "，个人负担可能偏高。";
  if (general)
    return "普通参保人员不属于医疗救助对象（计算约定：已收录的本市文件只对困难群众规定医疗救助），" + name +
           " 0.00 元。";
  return "已收录的文件没有" + category_name + "的" + name + "标准（未收录），本次按 0.00 元计；实际可能有" + name +
         "，个人负担可能偏高。";
}

}  // namespace settle::detail

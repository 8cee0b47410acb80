# 评价理由、改进行动的起因和信用预警的措辞（中文）。
# 改写句子即可改变报告，无需重新构建 cogov；{ $name } 处是 cogov 填入的值，不要改动其名称。
# 行业规则包可在 sectors/<行业>/messages/zh.ftl 中改写其中任何一条。

## 指标得分的理由（每条评分标准一条）

# 工作成果（证据）够数：$kind 证据类型，$n 份数，$at_least 要求份数。
reason-evidence-met = { $kind }：{ $n } 份（需 ≥{ $at_least }）
reason-evidence-short = { $kind }：{ $n } 份，未达 { $at_least } 份
# 在统计期之前通过、本期仍然有效的规划或制度：$reason 为上面的理由，$documents 列出每一份。
reason-evidence-standing = { $reason }；{ $documents }
reason-standing-document = { $id } { $date } 通过，有效期至 { $until }
reason-fact-yes = { $fact }：是
reason-fact-no = { $fact }：否
reason-not-reported = { $fact }：未报告
reason-at-least = { $fact } = { $value }（需 ≥{ $want }）
reason-step-reached = { $fact } = { $value }，达到 ≥{ $at_least } 档
reason-step-below = { $fact } = { $value }，未达最低档 ≥{ $lowest }
# 评分脚本给出的理由（脚本自己写出中英文）。
reason-script = { $reasons }
# 数据项由台账统计而来（而非填写）：$reason 原理由，$ledger 台账名称，$n 台账记录数。
reason-counted-from-ledger = { $reason }（据{ $ledger } { $n } 条记录统计）

## 改进行动为何提出（7.4）

trigger-below = 得分 { $score }/{ $max }，低于满分的 { $percent }%
trigger-declined = 得分由上期 { $before } 降至 { $score }
trigger-below-twice = 连续两期未达满分的 { $percent }%（上期 { $before }，本期 { $score }）
trigger-script = { $reason }

## 成员信用账目

credit-base = 基础分 { $base }
credit-cap = { $kind }合计 { $total }，以 { $cap } 为限
credit-repeat = { $rule }：{ $name }（{ $count } 次）
credit-clamp = 得分 { $from } 超出 { $min }–{ $max } 范围，取 { $to }
credit-veto = 一票否决：{ $why }（等级由 { $from } 降为 { $to }）
credit-grade = 信用分 { $score }，评为 { $grade }（{ $name }）

## 成员信用预警

note-grade-drop = 信用等级由 { $from } 降至 { $to }
note-repeated-failure = { $rule }：{ $name }（{ $count } 次）

## 行业质量信用预警（8.1.2.3 b）

warning-grade-share = { $warning }：{ $n }/{ $total } 家（{ $percent }%）评为 { $grades }，超过 { $threshold }%
warning-item-share = { $warning }：{ $item } 不合格涉及 { $n }/{ $total } 家（{ $percent }%），超过 { $threshold }%

## 信用事件的描述（解释成员信用时）

# 没有的部分为 none，不写出；late 为 yes 时超时限处理。
event-described = { $date } { $kind }{ $level ->
    [none] {""}
   *[other] （{ $level }）
}{ $product ->
    [none] {""}
   *[other] （{ $product }）
}{ $items ->
    [none] {""}
   *[other] {" "}不合格项目：{ $items }
}{ $late ->
    [yes] {" "}超时限处理
   *[no] {""}
}
event-failed-item = { $item }［{ $class }］

## 上期改进行动的跟进（7.4 d）

followup-closed-improved = 本期得分 { $score }/{ $max }，“{ $trigger }”的条件不再成立
followup-closed-measure = 措施 { $measure }（{ $date }）已完成：{ $note }
followup-escalated = 本期仍未改善（{ $reason }），已升级为“{ $to }”
followup-overdue = 已过期限 { $due }，本期仍未改善（{ $reason }）{ $measures ->
    [none] {""}
   *[other] ；已记录措施 { $measures }，尚未完成
}
followup-open = 期限 { $due } 未到，本期仍未改善（{ $reason }）{ $measures ->
    [none] {""}
   *[other] ；已记录措施 { $measures }，尚未完成
}
followup-indicator-gone = 现行指标体系已无“{ $indicator }”，请人工核实改进结果
followup-trigger-gone = 现行规则已不再检查此行动的条件（{ $action }），请人工核实改进结果
publish-valid-months = 自公布之日起 { $months } 个月内有效（至 { $until }），下一次评价结果公布后以新结果为准
publish-valid-until-next = 有效至下一次信用评价结果公布
publish-objection = 成员单位对评价结果有异议的，可自公布之日起 { $days } 日内（{ $deadline } 前）向{ $association }秘书处书面提出，并附相关证明材料；协会核实后书面答复，评价确有错误的予以更正并重新公示。
publish-repair = 失信成员单位完成整改、消除不良影响后，可向{ $association }申请信用修复，提交整改报告和证明材料；经核实完成修复的，相应的不良信用事件不再计入信用分，下一次评价时按修复后的结果评定等级。
publish-warning-advice = 请各成员单位对照本预警事项开展自查：对预警涉及的产品和检验项目组织排查、整改不合格原因，加强出厂检验；有关情况请于 30 日内书面报{ $association }秘书处。协会将加强对相关成员单位的跟踪抽查和信用管理。

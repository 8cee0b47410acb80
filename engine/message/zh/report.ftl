# report

## The association report
report-period = 评估期间
report-total = 总分
report-grade = 等级
report-indicator = 指标
report-name = 名称
report-score = 得分
report-max = 满分
report-triggers = 改进和优化（7.4）
report-clause = 条款
report-action = 改进措施
report-owner = 责任
report-due = 期限
report-why = 原因
report-none = 无

## Member credit in the report
report-credit-heading = 成员单位质量信用
report-credit-members = 家数
report-credit-share = 占比
report-credit-actions = 奖惩措施
report-sector-warnings = 行业质量信用预警
report-member-warnings = 成员信用预警（{ $n }）
report-credit-code = 统一社会信用代码
report-company = 企业名称
report-warning = 预警
report-warning-date = 预警日期
report-warning-subject = 超线对象
report-warning-line = 预警线
report-semicolon = ；
report-cut-members = …另有 { $n } 家，加 `--all` 列出全部
report-no-roster = 数据中没有成员名册
report-no-member = 名册中没有成员 `{ $code }`
report-member-score = 信用分 { $score }  等级 { $grade }（{ $name }）
report-event = 事件
report-points = 分值
report-why-line = 说明
report-account-total = 合计 { $sum }
report-member-actions = 奖惩措施：{ $actions }
report-member-warning = 预警：{ $text }
report-event-expired-days = 已超过 { $days } 天有效期，不计分
report-event-repaired = 已完成信用修复，不再计分
report-event-duplicate = 只计一次，重复不计
report-event-not-counted = { $event }：{ $why }
report-listing-heading = { $association } { $period } 年度成员单位质量信用评价结果
report-listing-grade = { $grade } 级（{ $name }）：{ $n } 家

## explain --indicator
report-no-indicator = 没有指标 `{ $id }`；现有指标：{ $known }
report-explain-score = 得分 { $score } / { $max }
report-explain-expected = 工作成果：{ $text }
report-criterion = 评分细则
report-rule = 规则
report-rule-kind-heading = 规则类型
report-evidence = 证据
report-facts = 事实
report-not-reported = 未报告
report-explain-rule = 规则：{ $source }（{ $rule }）
report-explain-evidence = 证据：{ $list }
report-explain-facts = 事实：{ $list }

## show
report-show-sector = 行业 { $id }（{ $name }）  摘要 { $digest }
report-show-base = 基础政策  摘要 { $digest }
report-show-marks = 标 * 的为本行业修改的项目
report-show-indicators = 评估指标
report-show-name-criterion = 名称 / 评分细则
report-show-grades = 等级：{ $list }
report-show-triggers = 改进触发（7.4）
report-show-when = 条件
report-show-targets = 对象
report-show-due-days = 期限（天）
report-show-declined = 下降 > { $by }
report-show-below-twice = 连续两期 < { $share }%
report-show-all-targets = 全部
report-show-changes = 本行业的修改，见 { $file }
report-show-fact-yes = { $fact }：是
report-show-credit = 成员信用
report-show-credit-base = 基础分 { $base }  范围 { $min }–{ $max }  有效期（天） { $days }
report-show-cap = 上限
report-show-once = 只计一次
report-show-late = 超时限 { $points }
report-show-repeat = 重复：{ $name } ≥{ $n } → { $points }
report-show-veto = 一票否决：{ $why }
report-show-change-added = 新增 { $path }：{ $to }
report-show-change-changed = 修改 { $path }：{ $from } → { $to }
report-show-change-removed = 删除 { $path }，理由：{ $why }
report-show-change-line = 第 { $line } 行  { $what }

## The credit archive
report-archive-period = 期间
report-archive-association = 协会
report-archive-score = 信用分
report-archive-actions = 奖惩措施
report-archive-warnings = 预警
report-archive-run = 记录
report-archive-history-heading = { $name }（{ $code }）信用档案
report-archive-history-run = { $period } #{ $run } 信用分明细（政策 { $policy }，数据 { $data }）
report-archive-event-expired = 已超过有效期，不计分
report-archive-list-summary = 成员信用 { $period }：{ $associations } 个协会，{ $members } 家成员

## Change reports
report-change-who = { $name }（{ $association }）{ $period }
report-change-unchanged = 结果无变化
report-change-changed = 结果有变化
report-change-policies = 政策
report-change-data = 数据
report-change-same = 未变
report-change-up = 升
report-change-down = 降
report-change-actions = 改进措施
report-change-action = 措施
report-change-raised = 新增
report-change-withdrawn = 撤销
report-change-code = 信用代码
report-change-credit = 信用分
report-change-warnings = 成员预警
report-change-lifted = 解除
report-change-change = 变动
report-change-colon = ：
report-change-comma = ，
report-change-open = （
report-change-close = ）
report-change-member-counts = 成员信用等级：{ $compared } 家中 { $changed } 家变化（升 { $up }，降 { $down }）；新加入 { $joined } 家，退出 { $left } 家
report-change-more-members = （另有 { $n } 家未列出）
report-change-more-warnings = （另有 { $n } 条未列出）

## diff
report-diff-from = 现行政策
report-diff-to = 修订政策
report-diff-side = { $label }：{ $policies }（{ $digests }）
report-diff-summary = 汇总：{ $n } 个协会评估中 { $changed } 个等级变化（升 { $up }，降 { $down }）
report-diff-summary-members = ；成员 { $n } 家次中 { $changed } 家次信用等级变化（升 { $up }，降 { $down }）
report-change-grade-renamed = 仅名称改动，等级未变
report-rule-kind = { $rule ->
    [evidence] 工作成果
    [fact] 是否事实
    [at_least] 达到数值
    [steps] 分档
   *[script] 评分脚本
}
report-explain-fact = { $name }（`{ $key }`）= { $value }
report-follow-ups = 上期改进行动的跟进（7.4 d）
report-action-id = 行动编号
report-raised-in = 提出期间
report-status = 状态
report-status-closed-improvement = 已关闭（改进见效）
report-status-closed-measure = 已关闭（措施完成）
report-status-open = 进行中
report-status-overdue = 已逾期
report-status-escalated = 已升级
report-change-follow-ups = 上期改进行动的跟进有变化（{ $n } 项）

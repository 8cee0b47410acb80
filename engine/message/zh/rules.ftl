# rules：评价指标（rubric）、信用政策（credit）、改进触发条件（triggers）和导入政策（import）的相互核对，以及与目录的核对。

## 评价指标（rubric.ron）。
rules-non-negative = `{ $field }` 不能为负数，实际为 `{ $found }`
rules-grades-order = 等级区间没有按从高到低的顺序书写
rules-grades-order-help = 请从最高等级写起，便于阅读；顺序不影响评级
rules-evidence-at-least = `at_least` 至少为 1
rules-criterion-always-met = 评分细则 `{ $criterion }` 总能满足：任何报送的事实都能达到 `value`（{ $value }）
rules-criterion-always-met-help = 请给出大于 0 的门槛
rules-criterion-steps-rise = 评分细则 `{ $criterion }` 的分档必须逐级上升：门槛和分值都按升序排列
rules-example-unlisted = 评分细则 `{ $criterion }` 的示例给出了 `{ $name }`，但该细则没有列出它
rules-criterion-never-met = 评分细则 `{ $criterion }` 永远无法满足：事实 `{ $fact }`（{ $name }）是不超过 1 的比例，而门槛为 { $threshold }
rules-catalogue-range-yes-no = 事实 `{ $fact }`（{ $name }）是“是否”类，不能有 `{ $field }`
rules-catalogue-range-outside-kind = 事实 `{ $fact }`（{ $name }）的 `{ $field }` 为 { $value }，超出其类型的范围：应为{ $kind }
rules-catalogue-range-reversed = 事实 `{ $fact }`（{ $name }）的下限 `min` { $min } 大于上限 `max` { $max }
rules-catalogue-relation-unknown = 事实 `{ $fact }`（{ $name }）的 `at_most` 指向 `{ $other }`，但目录中没有声明这个事实
rules-catalogue-relation-self = 事实 `{ $fact }`（{ $name }）的 `at_most` 指向它自己
rules-catalogue-relation-yes-no = 事实 `{ $fact }`（{ $name }）与 `{ $other }`（{ $other_name }）不能比较大小：“是否”类事实没有大小
rules-catalogue-valid-for = 证据类型 `{ $kind }`（{ $name }）的有效期 `valid_for` 写成了 `{ $found }`，无法识别
rules-catalogue-valid-for-help = 写成年数或月数，如 `"3y"`（三年）、`"18m"`（十八个月）
rules-rate-as-share = 比例请写成小数：90% 写作 0.9
rules-criterion-unknown-evidence = 评分细则 `{ $criterion }` 引用了证据类型 `{ $kind }`，但目录中没有声明
rules-criterion-unknown-fact = 评分细则 `{ $criterion }` 引用了事实 `{ $fact }`，但目录中没有声明
rules-criterion-fact-kind = 评分细则 `{ $criterion }` 需要{ $want ->
        [yes-no] 是/否
       *[numeric] 数值
    }类事实，但事实 `{ $fact }`（{ $name }）是{ $kind ->
        [yes-no] 是/否
        [count] 不小于 0 的整数
        [rate] 介于 0 和 1 之间的比例
       *[amount] 不小于 0 的数
    }
rules-id-twice = 编号 { $id }（{ $name }）重复使用
rules-id-twice-help = 每个层级和指标都需要自己的编号；第一个 { $id } 在第 { $line } 行
rules-top-levels-sum = 各一级指标合计 { $top } 分，但 `total` 为 { $total }
rules-top-levels-list = 一级指标：{ $list }
rules-grades-empty = `grades` 为空：每个总分都需要对应一个等级
rules-grades-below = 低于 { $min } 的总分没有对应的等级
rules-grades-below-help = 请把最低一档等级设为 `min: 0`
rules-grades-same-min = 等级 `{ $first }` 与 `{ $second }` 的起点总分相同
rules-grade-id-twice = 等级编号 `{ $id }` 重复使用
rules-grade-unreachable = 等级 `{ $grade }` 的起点为 { $min }，高于总分 { $total }：没有协会能达到
rules-level-no-children = 层级 { $id }（{ $name }）下没有任何指标
rules-level-no-children-help = 请在其下添加指标，或删除该层级
rules-children-sum = 层级 { $id }（{ $name }）的下级合计 { $sum } 分，但该层级为 { $points } 分
rules-children-list = 下级：{ $list }
rules-indicator-no-criteria = 指标 { $id }（{ $name }）没有评分细则
rules-indicator-no-criteria-help = 每个指标都必须依据数据评分：请至少添加一条评分细则
rules-criteria-sum = 指标 { $id }（{ $name }）的评分细则合计 { $sum } 分，但该指标为 { $points } 分
rules-criteria-list = 评分细则：{ $list }
rules-criterion-id-twice = 评分细则编号 `{ $id }` 重复使用

## 信用政策（credit.ron）。
rules-credit-base-range = 基准分 { $base } 必须在 `min`（{ $min }）和 `max`（{ $max }）之间
rules-credit-validity-days = 字段 `validity_days` 必须在 1 到 { $max } 之间（天），实际为 `{ $found }`
rules-credit-validity-days-help = 如果事件永久计入，请删去这个字段
rules-credit-too-many-item-classes = 检验项目类别最多 { $max } 个，实际有 { $found } 个
rules-credit-too-many-kinds = 信用事件类型最多 { $max } 种，实际有 { $found } 种
rules-credit-grades-order = 信用等级没有按从高到低的顺序书写
rules-credit-grades-cover = 等级区间必须覆盖直到 `min`（{ $min }）的所有分数：请把最低一档设为 `min: { $min }`
rules-credit-grades-same-min = 信用等级 `{ $first }`（{ $first_name }）与 `{ $second }`（{ $second_name }）的起点分数相同
rules-credit-grade-unreachable = 信用等级 `{ $grade }`（{ $name }）的起点为 { $min }，高于最高分 { $max }：没有会员能达到
rules-credit-unknown-kind = `{ $kind }` 不是信用政策中的事件类型
rules-credit-unknown-grade = `{ $grade }` 不是信用等级
rules-credit-repeat-at-least = 重复规则 `{ $id }`（{ $name }）：`at_least` 至少为 2，实际为 `{ $found }`
rules-credit-unknown-item-class = `{ $class }` 不在 `item_classes` 所列的项目类别中
rules-credit-unknown-action = `{ $action }` 没有在 `actions` 中列出
rules-credit-warning-share = 行业预警 `{ $id }`（{ $name }）：`above` 必须是 0 到 1 之间的比例，实际为 `{ $found }`
rules-credit-fact-not-from-members = 事实 `{ $fact }`（{ $name }）在此按会员统计，但目录中没有标注 `from_members: true`
rules-credit-unknown-fact = `{ $fact }` 不是目录中声明的事实
rules-credit-too-many-levels = 事件类型 `{ $kind }`（{ $name }）有 { $n } 个级别，最多只能有 { $max } 个
rules-credit-cap-sign = 事件类型 `{ $kind }`（{ $name }）：上限 { $cap } 与该类型分值的正负号相反
rules-credit-points-finite = 事件类型 `{ $kind }`（{ $name }）的分值必须是有限数，实际为 `{ $found }`

## 改进触发条件（triggers.ron）。
rules-trigger-id-twice = 触发条件编号 `{ $trigger }` 重复使用
rules-trigger-due-days = 字段 `due_days` 必须在 1 到 { $max } 之间（十年），实际为 `{ $found }`
rules-trigger-unknown-target = 触发条件 `{ $trigger }`（{ $name }）的目标 `{ $target }` 不是指标
rules-trigger-share = 触发条件 `{ $trigger }`（{ $name }）：`share` 必须在 0 到 1 之间，实际为 `{ $found }`
rules-trigger-by = 触发条件 `{ $trigger }`（{ $name }）：`by` 必须是不小于 0 的有限数，实际为 `{ $found }`
rules-trigger-params = 触发条件 `{ $trigger }`（{ $name }）：`params` 中的每个值都必须是有限数
rules-trigger-unknown-fact = 触发条件 `{ $trigger }`（{ $name }）引用了事实 `{ $fact }`，但目录中没有声明

## 导入政策（import.ron）。
rules-import-unknown-class = `{ $written }` 代表类别 `{ $class }`，但信用政策的 `item_classes` 中没有这个类别
rules-import-items-list = `items.{ $what }` 至少需要一个字符串，且不能有空字符串
rules-import-lists-empty = `lists` 中不能有空字符串
rules-import-no-dates = `dates` 至少需要一种日期格式，例如 `%Y-%m-%d`
rules-import-bad-date-format = `{ $format }` 不是能写出并读回日期的日期格式
rules-import-date-format-help = 用 %Y 表示年、%m 表示月、%d 表示日，例如 `%Y年%m月%d日`
rules-import-on-time-both = `{ $word }` 同时列在 `on_time` 的 `yes` 和 `no` 中
rules-import-no-field = “{ $table }”表没有字段 `{ $field }`
rules-import-no-spellings = `{ $field }` 至少需要一种表头写法
rules-import-empty-spelling = `{ $field }` 有一个空的表头写法
rules-import-header-twice = 表头 `{ $header }` 同时给了 `{ $first }` 和 `{ $second }`
rules-import-needs-spellings = “{ $table }”表需要在 `columns` 下给出 { $fields } 的表头写法
rules-import-field = `{ $field }`
rules-import-field-or = { $either } 或 `{ $field }`
rules-import-ignored-and-read = 表头 `{ $header }` 既被忽略，又被读作 `{ $field }`
rules-import-identify-unspelt = `{ $field }` 用于识别“{ $table }”表，但 `columns` 下没有它的表头写法
rules-import-no-identify = “{ $table }”表的 `identify` 下至少需要一个字段
rules-import-kind-has-no-levels = `{ $word }` 代表级别 `{ $level }`，但事件类型 `{ $kind }`（{ $name }）没有级别
rules-import-unknown-level = `{ $word }` 代表级别 `{ $level }`，但它不是事件类型 `{ $kind }`（{ $name }）的级别
rules-import-level-class = `{ $class }` 不在信用政策的 `item_classes` 中
rules-import-verdict-kind = 检验结论 `{ $verdict }` 对应 `{ $kind }`，但它不是信用政策中的事件类型
rules-import-verdict-level = `{ $level }` 不是事件类型 `{ $kind }`（{ $name }）的级别，检验结论 `{ $verdict }` 对应的正是这一类型
rules-import-class-without-level = `{ $class }` 类项目可能不合格，但 `levels` 下没有规则给出它们的级别
rules-import-dictionary-class = 项目词典把 `{ $item }` 归为 `{ $class }` 类，但信用政策的 `item_classes` 中没有这个类别
rules-import-dictionary-empty = 项目词典中 `{ $item }` 有一个空的写法
rules-import-dictionary-twice = 写法 `{ $spelling }` 在项目词典中既指 `{ $first }`，又指 `{ $second }`
rules-import-date-from-empty = `date_from` 至少需要一个日期来源：`Column`（日期列）、`Title`（标题中的日期）或 `NoticeDate`（`--notice-date`）
rules-import-date-from-twice = 日期来源 `{ $source }` 在 `date_from` 中写了两次
rules-import-date-column-unread = 给出了 `date` 列的表头写法，但 `date_from` 中没有 `Column`，这一列不会被读取：把 `Column` 加入 `date_from`，或把这些表头移到 `ignore` 下

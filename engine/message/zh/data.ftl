# data
# 协会数据文件：文件、统计期、数据项、证据、会员与信用事件。
data-file-extension = 协会数据文件的扩展名必须是 `.ron`、`.json` 或（填好的数据模板）`.xlsx`
data-association-code-invalid = 协会的统一社会信用代码无效：{ $why }
data-period-reversed = 统计期的结束日期（{ $end }）早于开始日期（{ $start }）
data-fact-from-roster = 数据项 `{ $key }` 由本文件的会员名录统计得出，请从 `facts` 中删除
data-fact-unknown = 政策中没有数据项 `{ $key }`
data-fact-out-of-range = 数据项 `{ $key }`（{ $name }）应为{ $kind }，实际为 `{ $value }`
data-fact-not-finite = 数据项 `{ $key }`（{ $name }）的值 `{ $value }` 不是有限的数
data-fact-not-finite-help = `inf`、`NaN` 和超出数值范围的数（如 `1e400`）都不能作为数据项的值，请写实际的数
data-fact-above-max = 数据项 `{ $key }`（{ $name }）为 `{ $value }`，超过上限 { $max }
data-fact-below-min = 数据项 `{ $key }`（{ $name }）为 `{ $value }`，低于下限 { $min }
data-fact-exceeds = 数据项 `{ $key }`（{ $name }）为 `{ $value }`，超过 `{ $other }`（{ $other_name }）的 { $bound }
data-fact-other-at = `{ $other }` 写在第 { $line } 行第 { $col } 列
data-fact-exceeds-counted = 数据项 `{ $key }`（{ $name }）为 `{ $value }`，超过按会员名录统计的 `{ $other }`（{ $other_name }）{ $bound }
data-fact-counted-exceeds = 按会员名录统计的 `{ $key }`（{ $name }）为 { $value }，超过数据项 `{ $other }`（{ $other_name }）的 `{ $bound }`
data-fact-twice = 数据项 `{ $key }`（{ $name }）在 `facts` 中写了两次
data-key-twice = 键 `{ $key }` 在 `facts` 中写了两次
data-key-first = 第一次写在第 { $line } 行第 { $col } 列；请只保留一个
data-kind-yes-no = 是或否（`true` 或 `false`）
data-kind-count = 不小于 0 的整数
data-kind-rate = 介于 0 到 1 之间的比例
data-kind-amount = 不小于 0 的数值
data-did-you-mean = { $n ->
    [1] 是否应为 { $names }？
   *[other] 是否应为 { $names } 之一？
}
data-known = 可用的有：{ $names }{ $more ->
    [yes] 等
   *[no] { "" }
}
data-evidence-id-twice = 证据编号 `{ $id }` 重复使用
data-evidence-under-level = 证据 `{ $id }` 归在 `{ $indicator }` 下，但 `{ $indicator }` 是指标层级而非指标，请归到其下的某个指标
data-evidence-not-indicator = 证据 `{ $id }` 归在 `{ $indicator }` 下，但 `{ $indicator }` 不是指标
data-evidence-indicators-help = 指标为 C1 至 C22（以及行业叠加政策新增的指标）
data-evidence-kind-not-counted = 证据 `{ $id }` 的类型为 `{ $kind }`，指标 `{ $indicator }` 不计入此类证据
data-evidence-kinds-counted = 指标 `{ $indicator }` 计入的证据类型：{ $kinds }
data-evidence-outside-period = 证据 `{ $id }` 的日期为 { $date }，不在统计期 { $start } 至 { $end } 内
data-evidence-outside-period-help = 在统计期之前通过、本期仍然有效的规划或制度可以计入：在 catalogue.ron 中为其证据类型写明有效期（`valid_for`），或为这条证据写明有效期至（数据文件中的 `valid_until`，工作簿“工作台账”的“有效期至”列）
data-evidence-expired = 证据 `{ $id }`（{ $kind }）于 { $date } 通过，有效期至 { $until }，统计期 { $start } 开始时已失效
data-evidence-valid-until-before-date = 证据 `{ $id }` 的有效期至 { $until }，早于它自己的日期 { $date }
data-events-need-roster = 信用事件需要会员名录：请添加 `members: [...]`
data-member-twice = 会员 `{ $code }`（`{ $name }`）重复列出
data-member-archive-after-period = 会员 `{ $code }`（{ $name }）的信用档案更新日期为 { $date }，晚于统计期结束日 { $end }
data-member-applied-unknown = 会员 { $name } 的已落实措施 `{ $action }` 未在信用政策的措施（`actions`）中定义
data-member-code-invalid = 会员 `{ $name }` 的统一社会信用代码无效：{ $why }
data-event-id-twice = 事件编号 `{ $id }` 重复使用
data-event-member-unknown = 事件 `{ $id }` 所涉会员 `{ $code }` 不在会员名录中
data-event-after-period = 事件 `{ $id }` 的日期为 { $date }，晚于统计期结束日 { $end }
data-event-kind-unknown = 事件 `{ $id }` 的类型 `{ $kind }` 未在信用政策中定义
data-event-needs-level = 事件 `{ $id }`（`{ $kind }`）须填写 `level`，可选：{ $levels }
data-event-level-unknown = 事件 `{ $id }`：`{ $level }` 不是 `{ $kind }` 的级别
data-event-needs-product = 事件 `{ $id }`（`{ $kind }`）须填写 `product`
data-event-product-empty = 事件 `{ $id }`（{ $name }，`{ $kind }`）的产品名称为空：`product` 只有空白，此类事件须写明产品
data-event-item-class-unknown = 事件 `{ $id }`：项目 `{ $item }` 的类别 `{ $class }` 不是政策规定的项目类别
# 统一社会信用代码（GB 32100-2015）。
data-code-length = 统一社会信用代码应为 18 位，此代码为 { $n } 位
data-code-character = 第 { $position } 位的 `{ $char }` 不能用于统一社会信用代码
data-code-check = 第 { $position } 位校验码 `{ $char }` 与前 17 位不符，请对照营业执照核对整个代码
# 上期结果。
data-previous-other-association = 上期结果属于协会 `{ $previous }`，而不是 `{ $here }`
data-previous-not-before = 上期结果的统计期 `{ $previous }`（{ $previous_end } 结束）不在本期 `{ $period }`（{ $start } 开始）之前
data-previous-not-before-help = `--previous` 应为本期之前一个统计期的评估结果
data-outcome-schema = 此文件的格式为 `{ $schema }`；上期结果的格式必须是 `{ $expected }`
data-not-a-date = `{ $found }` 不是日期：日期写成 `年-月-日`，例如 `2024-03-15`
data-measure-id-twice = 改进措施编号 `{ $id }` 重复
data-measure-action-shape = 改进措施 `{ $id }` 所跟进的行动 `{ $action }` 写法不对：应为“指标/触发规则”
data-measure-action-indicator = 改进措施 `{ $id }` 所跟进的行动 `{ $action }` 中的指标 `{ $indicator }` 不在指标体系中
data-measure-action-trigger = 改进措施 `{ $id }` 所跟进的行动 `{ $action }` 中的触发规则 `{ $trigger }` 不存在
data-measure-action-help = 行动编号见上期结果的改进行动（`action_id`），如 `C11/unmet`
data-measure-outside-period = 改进措施 `{ $id }` 的日期为 { $date }，不在统计期 { $start } 至 { $end } 内
data-measure-evidence-unknown = 改进措施 `{ $id }` 引用的证据 `{ $evidence }` 不在本期证据中
data-measure-note-empty = 改进措施 `{ $id }` 没有写明采取了什么措施（`note` 为空）
data-measure-action-not-raised = 改进措施 `{ $id }` 所跟进的行动 `{ $action }` 不是上期（{ $previous }）提出或仍未关闭的
data-measure-action-not-raised-help = 只能跟进上期结果中的改进行动及尚未关闭的跟进事项
data-measure-no-previous = 改进措施 `{ $id }` 跟进行动 `{ $action }`，但没有上期结果可以跟进
data-measure-no-previous-help = 用 `--previous 上期结果.json` 或 `--archive 档案库` 提供上期结果

# 信用档案
archive-recorded = 已记录第 { $run } 次运行{ $corrects ->
    [0] {""}
   *[other] （更正第 { $corrects } 次运行）
}：{ $name } { $period }，{ $members } 家成员，存于 { $db }（{ $ms } 毫秒）
archive-already = 已作为第 { $run } 次运行存档（记录于 { $at }）：{ $name } { $period }；未写入任何内容
archive-not-a-credit-code = `{ $code }` 不是有效的统一社会信用代码：{ $reason }
archive-no-history = { $db } 中没有 `{ $code }` 的记录
archive-no-period = { $db } 中没有期间 `{ $period }` 的记录；已存档的期间：{ $known }
archive-no-periods = 无
archive-missing = 这里没有信用档案
archive-missing-help = 请先记录一次运行：`cogov archive record DATA [TABLE…] --db FILE`
archive-cannot-open = 无法打开信用档案：{ $error }
archive-cannot-read = 无法读取信用档案：{ $error }
archive-cannot-create = 无法创建信用档案：{ $error }
archive-cannot-write = 无法写入信用档案：{ $error }
archive-cannot-migrate = 无法把信用档案迁移到结构版本 { $version }：{ $error }
archive-not-migrated = 此信用档案（结构版本 { $version }）未通过校验，未作迁移：{ $finding }{ $more ->
    [0] {""}
   *[other] （另有 { $more } 处不再相符）
}
archive-not-migrated-help = 迁移会重新计算哈希链，被修改的记录将无从查出；请用写入此档案的 cogov 版本运行 `cogov archive verify`，查明不再相符之处
archive-not-sqlite = 此文件不是信用档案（不是 SQLite 数据库）
archive-no-schema-table = 此 SQLite 数据库不是信用档案（没有 `schema_version` 表）
archive-newer-schema = 信用档案的结构版本为 { $version }，本版 cogov 只能读取版本 { $ours }
archive-newer-schema-help = 请使用更新版本的 cogov 读取此档案
archive-unknown-schema = 信用档案的结构版本 { $version } 无法识别
archive-no-schema-version = 信用档案没有结构版本
archive-conflict = 第 { $run } 次运行已存档了 { $name } { $period } 由相同政策、数据和上期结果得出的结果，但结果不同（结果摘要 { $archived }，此次 { $now }）；档案中的记录一经写入即保持不变
archive-conflict-help = 其他版本的 cogov 对相同输入得出了不同结果；请运行 `cogov archive verify` 校验档案
archive-accounts-omitted = { $name } { $period } 的评估结果缺少成员 `{ $member }` 的信用分明细；只存档完整的明细
archive-period-taken = 第 { $run } 次运行已是 { $name } { $period } 的当前运行，它由不同的输入评估得出：{ $differs }
archive-period-taken-help = 如需替换，请记录一次更正：`--supersedes { $run } --reason "…"`；原运行仍保留在档案中，标记为已被更正
archive-differs-policies = 政策当时为 { $archived }，此次为 { $now }
archive-differs-data = 数据当时为 { $archived }，此次为 { $now }
archive-differs-previous = 上期结果当时为 { $archived }，此次为 { $now }
archive-no-previous = 无
archive-no-current-run = 无
archive-supersedes-not-current = `--supersedes { $run }`：第 { $run } 次运行不是 { $name } { $period } 的当前运行（当前运行：{ $current }）
archive-correction-no-reason = 更正须说明原因：`--reason "…"`
archive-rebuilt-mismatch = 由档案重建的第 { $run } 次运行的评估结果与其摘要不符（存档 { $archived }，重建 { $rebuilt }）
archive-verify-help = 请运行 `cogov archive verify` 查看哪些内容不再相符
archive-verify-row-changed = 第 { $run } 次运行：成员 `{ $member }` 的记录在存档后被修改
archive-verify-row-count = 第 { $run } 次运行：存档时有 { $recorded } 条成员记录，现有 { $found } 条（有记录被删除或添加）
archive-verify-run-changed = 第 { $run } 次运行：该运行在存档后被修改
archive-verify-wording-changed = 第 { $run } 次运行：其成员记录共用的说明文字（事件描述、信用分明细、预警）在存档后被修改、删除或添加
archive-verify-runs-missing = { $n ->
    [one] 第 { $from } 次运行
   *[other] 第 { $from } 至第 { $to } 次运行
}已被删除（哈希链在第 { $run } 次运行处继续）
archive-verify-chain = 第 { $run } 次运行：它在哈希链中的环节不再接续第 { $previous } 次运行（有运行被修改、删除或插入）
archive-verify-orphans = 第 { $run } 次运行的 { $n } 条成员记录，但档案中没有这次运行
archive-verify-wording-orphans = 第 { $run } 次运行的 { $n } 条共用说明文字，但档案中没有这次运行
archive-verified = 信用档案 { $db } 完好：已校验 { $runs } 次运行、{ $records } 条成员记录；最后的哈希 { $head }
archive-outcome-differs = { $part }（结果摘要 { $given }，重新评估 { $evaluated }）
archive-differs-part-policies = 政策摘要不同：文件中为 { $given }，重新评估为 { $evaluated }
archive-differs-part-data = 数据摘要不同：文件中为 { $given }，重新评估为 { $evaluated }
archive-differs-part-period = 期间不同：文件中为 { $given }，重新评估为 { $evaluated }
archive-differs-part-total = 协会总分不同：文件中为 { $given }，重新评估为 { $evaluated }
archive-differs-part-indicator = 指标 { $name }（{ $id }）不同：文件中为 { $given } 分，重新评估为 { $evaluated } 分
archive-differs-part-member = 成员 `{ $id }`（{ $name }）不同：文件中为 { $given }，重新评估为 { $evaluated }
archive-differs-part-members = 成员不同：文件中有 { $given } 家，重新评估有 { $evaluated } 家
archive-differs-part-triggers = 改进措施不同：文件中有 { $given } 项，重新评估有 { $evaluated } 项
archive-differs-part-other = 两份评估结果在细节上不同
archive-outcome-refused = 此评估结果与其数据得出的结果不符：{ $difference }；未写入任何内容
archive-outcome-refused-help = 手工编辑过的、或由其他输入得出的评估结果不会存档；请记录数据本身
archive-record-outcome-given = 此文件是评估结果，不是数据：仅凭评估结果无法确认其可信
archive-record-outcome-given-help = 请记录得出它的数据，数据会被重新评估：`cogov archive record DATA [TABLE…] [--previous OUTCOME.json] [--outcome OUTCOME.json]`
archive-run-corrects = #{ $run }（更正 #{ $old }）
archive-run-superseded = #{ $run }（{ $by ->
    [0] 已被更正
   *[other] 已被 #{ $by } 更正
}）
archive-correction-line = 更正第 { $old } 次运行：{ $reason }
archive-superseded-line = 已被第 { $by } 次运行更正：{ $reason }
archive-shadowed-line = 已被本期间较晚的一次运行取代
archive-word-total = 总分
archive-word-raised = 改进措施
archive-word-members = 成员数
archive-association-heading = { $name }（{ $code }）协会评估档案
archive-association-run = { $period } #{ $run }，记录于 { $at }：政策 { $policy }，数据 { $data }，上期结果 { $previous }，评估结果 { $outcome }，哈希 { $hash }
archive-association-action = · { $clause }：{ $action }（期限 { $due }）
archive-damaged = 信用档案中的一条记录已损坏：{ $error }
archive-row-damaged = 第 { $run } 次运行中成员 `{ $member }` 的记录已损坏：{ $error }

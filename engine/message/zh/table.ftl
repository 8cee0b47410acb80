# table
# 在限制之内读取工作簿（--max-rows、--max-columns、--max-cells、--max-inflated-mb）。
table-dimension-too-large = 工作表声明其单元格范围为 `{ $span }`，超出每个工作表最多 { $rows } 行、{ $columns } 列的限制
table-dimension-too-large-help = 文件已损坏，或被构造为耗尽内存；如果工作表确实这么大，请用 `--max-rows` 和 `--max-columns` 提高限制
table-row-beyond = 单元格 `{ $cell }` 超出每个工作表最多 { $limit } 行的限制
table-row-beyond-help = 文件已损坏，或被构造为耗尽内存；如果工作表确实这么长，请用 `--max-rows` 提高限制
table-column-beyond = 单元格 `{ $cell }` 超出每个工作表最多 { $limit } 列的限制
table-column-beyond-help = 文件已损坏，或被构造为耗尽内存；如果工作表确实这么宽，请用 `--max-columns` 提高限制
table-too-many-cells = 工作簿的单元格超过最多 { $limit } 个的限制（本工作表在第 { $row } 行超出）
table-too-many-cells-help = 每行计到其最后一个有内容的单元格；如果工作簿确实这么大，请用 `--max-cells` 提高限制，或拆分为几个工作簿
table-too-many-strings = `{ $part }` 声明有 { $n } 个共享字符串，多于一个工作簿最多可有的 { $limit } 个单元格
table-inflates-too-much = 工作簿各部分解压后共 { $mb } MB（其中 `{ $part }` 为 { $part_mb } MB），超过 { $limit } MB 的限制
table-inflates-too-much-help = 几 MB 的压缩文件解压出几 GB，是“压缩炸弹”；如果工作簿确实这么大，请用 `--max-inflated-mb` 提高限制
table-part-overruns = `{ $part }` 解压后超过工作簿为它声明的 { $declared } 字节：文件已损坏，或被构造为耗尽内存
# 单元格中的值不是其类型的值。
table-number-not-finite = 单元格是数字，但其值 { $value } 不是有限的数
table-number-not-finite-help = 请重新输入该数，或清空该单元格
table-date-not-a-day = 单元格是 Excel 日期，但其值 { $value } 不是 1900-01-01 至 9999-12-31 之间的日期
table-date-not-a-day-help = 请重新输入日期，例如 2024-03-15，或清空该单元格
# 与另一行相同的行。
table-row-repeats = 此行与{ $first }相同（成员、日期、检验结论或类型、产品、不合格项目及其他单元格均相同）：同一条记录写了两次，不重复计入
table-row-repeats-help = 请删除其中一行；如果确是两条记录（同一产品同一天的两次抽样），请在 `{ $id_header }` 列中分别给出编号
table-row-same = 第 { $row } 行
table-row-sheet = 工作表 `{ $sheet }` 第 { $row } 行
table-row-file = `{ $file }` 第 { $row } 行
table-row-file-sheet = `{ $file }` 工作表 `{ $sheet }` 第 { $row } 行
table-text-too-large = 工作表的文本到单元格 { $cell } 已超过 4 GiB，超出一个表格所能容纳
table-text-too-large-help = 请把工作表拆分为几个文本较少的工作簿

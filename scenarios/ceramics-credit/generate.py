# Deterministic generator for the ceramics credit scenario (seeded; rerun gives the same files).
#
#   python3 scenarios/ceramics-credit/generate.py
#
# The restrictions the association applied (`applied`) follow the grades cogov gives: each file
# is written, evaluated with cogov (`$COGOV`, else `cargo run -q --`, from the project root),
# and written again with the restrictions applied. Grades do not depend on `applied`.
import json, os, random, shlex, subprocess, sys
HERE=os.path.dirname(os.path.abspath(__file__))
ROOT=os.path.dirname(os.path.dirname(HERE))
COGOV=shlex.split(os.environ.get("COGOV", "cargo run -q --"))
A="0123456789ABCDEFGHJKLMNPQRTUWXY"
W=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def code(p17):
    s=sum(W[i]*A.index(c) for i,c in enumerate(p17))
    return p17+A[(31-s%31)%31]
rng=random.Random(20241231)
S=json.dumps
def q(s): return json.dumps(s, ensure_ascii=False)
words=["华","美","新","金","宏","东","鹏","蒙","欧","神","强","利","通","盛","雅","冠","星","嘉","汇","恒","嘉","信","德","瑞","泰","兴","丰","荣","达","源"]
kinds=["陶瓷有限公司","建材有限公司","陶瓷实业有限公司","卫浴有限公司","陶瓷制品厂"]
members=[]
used=set()
while len(members)<240:
    n=rng.choice(words)+rng.choice(words)
    name="佛山市禅城区"+n+rng.choice(kinds)
    if name in used: continue
    used.add(name)
    body="".join(rng.choice(A[:-1]) for _ in range(9))
    members.append((code("91440604"+body), name))
members.sort()
products=["抛光砖","釉面砖","仿古砖","陶瓷薄板","坐便器","洗面器"]
items_a=["吸水率","放射性核素"]
items_b=["断裂模数","破坏强度","釉面抗龟裂性","耐污染性"]
ev=[]
def add(mid, date, kind, **kw):
    ev.append(dict(member=mid, date=date, kind=kind, **kw))
for i,(c,n) in enumerate(members):
    if rng.random()<0.7: add(c, "2023-03-%02d"%rng.randint(1,28), "commitment_signed")
    if rng.random()<0.15: add(c, "2023-%02d-%02d"%(rng.randint(4,12),rng.randint(1,28)), "cqo_appointed")
    elif rng.random()<0.15: add(c, "2024-%02d-%02d"%(rng.randint(1,12),rng.randint(1,28)), "cqo_appointed")
    if rng.random()<0.08: add(c, "2023-%02d-15"%rng.randint(1,12), "honor", level=rng.choice(["municipal","municipal","provincial"]))
    if rng.random()<0.06: add(c, "2024-%02d-15"%rng.randint(1,12), "honor", level=rng.choice(["municipal","provincial","national"]))
    if rng.random()<0.2: add(c, "2023-%02d-10"%rng.randint(1,12), "certification")
    if rng.random()<0.04: add(c, "2024-%02d-20"%rng.randint(1,12), "standard_led", level=rng.choice(["group","industry"]))
def sampling(year, n, fail_rate, repeat_from=None):
    sampled=rng.sample(members, n)
    fails=[]
    for (c,name) in sampled:
        prod=rng.choice(products)
        date="%d-%02d-%02d"%(year, rng.randint(4,10), rng.randint(1,28))
        if rng.random()<fail_rate:
            its=[]
            if rng.random()<0.35: its.append((rng.choice(items_a),"A"))
            its.append((rng.choice(items_b),"B"))
            lvl="critical" if any(k=="A" for _,k in its) else "major"
            add(c, date, "sampling_fail", level=lvl, product=prod, items=its)
            fails.append((c,prod,its))
        else:
            add(c, date, "sampling_pass", product=prod)
    return fails
f23=sampling(2023, 60, 0.15)
sampling(2024, 70, 0.12)
# Follow-up sampling of 2023 failures: half fail again on the same product and item.
for (c,prod,its) in f23[:len(f23)//2]:
    add(c, "2024-%02d-%02d"%(rng.randint(3,6), rng.randint(1,28)), "sampling_fail", level="major", product=prod, items=[(its[-1][0], "B")])
for year, n in ((2023,18),(2024,22)):
    for _ in range(n):
        c,_=rng.choice(members)
        add(c, "%d-%02d-%02d"%(year,rng.randint(1,12),rng.randint(1,28)), "complaint_verified", on_time=rng.random()>0.2)
# Penalties, one blacklisting, one credit repair.
add(members[17][0], "2023-08-09", "penalty", detail="生产销售不合格瓷砖，责令停止生产并罚款")
add(members[131][0], "2024-05-21", "penalty", detail="虚标产品等级")
add(members[88][0], "2024-09-03", "blacklisted", detail="列入严重违法失信名单：多次生产放射性超标产品")
add(members[88][0], "2024-04-12", "sampling_fail", level="critical", product="抛光砖", items=[("放射性核素","A")])
repaired=f23[-1][0] if f23 else members[5][0]
add(repaired, "2024-06-30", "credit_repaired", detail="完成整改并通过复查，申请信用修复")

def write(path, period, header, members_upto, facts, evidence, archive={}, applied={}):
    es=sorted([e for e in ev if e["date"]<=period[2]], key=lambda e:(e["date"], e["member"], e["kind"]))
    out=[header, "Association(",
         f"  profile: (name: \"佛山市禅城区陶瓷行业协会\", sector: \"ceramics\", credit_code: {q(code('51440604MJL600561'))}),",
         f"  period: (id: {q(period[0])}, start: {q(period[1])}, end: {q(period[2])}),",
         "  facts: {"]
    for k,v in facts:
        vv='true' if v is True else 'false' if v is False else str(v)
        out.append(f"    {q(k)}: {vv},")
    out.append("  },")
    out.append("  evidence: [")
    for i,(ind,kind,date,title) in enumerate(evidence):
        out.append(f"    (id: \"E{i+1:03d}\", indicator: {q(ind)}, kind: {q(kind)}, date: {q(date)}, title: {q(title)}),")
    out.append("  ],")
    out.append("  members: [")
    for c,n in members:
        extra=""
        if c in archive: extra+=f", archive_updated: {q(archive[c])}"
        if applied.get(c): extra+=", applied: [" + ", ".join(q(a) for a in applied[c]) + "]"
        out.append(f"    (code: {q(c)}, name: {q(n)}{extra}),")
    out.append("  ],")
    out.append("  events: [")
    for i,e in enumerate(es):
        parts=[f"id: \"CR{e['date'][:4]}-{i+1:04d}\"", f"member: {q(e['member'])}", f"date: {q(e['date'])}", f"kind: {q(e['kind'])}"]
        if "level" in e: parts.append(f"level: {q(e['level'])}")
        if "product" in e: parts.append(f"product: {q(e['product'])}")
        if "items" in e: parts.append("items: [" + ", ".join(f"(name: {q(a)}, class: {q(b)})" for a,b in e["items"]) + "]")
        if "on_time" in e: parts.append(f"on_time: {'true' if e['on_time'] else 'false'}")
        if "detail" in e: parts.append(f"detail: {q(e['detail'])}")
        out.append("    (" + ", ".join(parts) + "),")
    out.append("  ],")
    out.append(")")
    open(path,"w").write("\n".join(out)+"\n")

base_ev=[("C1","appointment_document","{y}-01-06","质量共治工作小组任命文件"),("C1","liaison_designation","{y}-01-06","指定联络人"),
 ("C2","communication_channel","{y}-01-15","与禅城区市场监管局联络机制"),("C3","quality_management_rule","{y}-02-20","陶瓷行业质量管理制度"),
 ("C3","credit_info_rule","{y}-02-20","质量信用信息采集制度"),("C3","incentive_rule","{y}-03-01","信用激励制约办法"),
 ("C4","quality_development_plan","{y}-01-30","陶瓷行业质量发展规划"),("C4","annual_plan","{y}-02-01","年度工作计划"),
 ("C5","funding_record","{y}-12-20","自筹资金投入明细"),("C6","self_discipline_publicity","{y}-03-15","质量自律宣导会"),
 ("C7","self_discipline_code","{y}-04-10","陶瓷行业自律公约"),("C8","credit_archive","{y}-06-30","成员单位质量信用档案"),
 ("C8","credit_evaluation_publication","{y}-12-28","信用评价结果公示"),("C9","process_record","{y}-12-30","实施台账"),
 ("C11","sampling_lead","{y}-05-06","抽查线索"),("C11","sampling_analysis","{y}-11-18","瓷砖监督抽查结果分析"),
 ("C11","rectification_proposal","{y}-11-25","不合格企业整改建议"),("C12","standard_group","{y}-06-01","陶瓷薄板团体标准"),
 ("C13","comparison_test","{y}-07-09","瓷砖吸水率比较试验"),("C14","training_course","{y}-03-22","瓷砖检验员培训"),
 ("C14","training_course","{y}-06-14","放射性防护知识培训"),("C15","risk_monitoring_report","{y}-07-01","行业质量风险监测报告"),
 ("C15","violation_lead","{y}-08-12","违法线索移送"),("C16","service_platform","{y}-01-20","陶瓷检测公共服务平台"),
 ("C16","service_case","{y}-03-10","检测服务案例一"),("C16","service_case","{y}-05-10","检测服务案例二"),("C16","service_case","{y}-09-10","检测服务案例三"),
 ("C17","rights_station","{y}-03-15","陶瓷消费维权服务站"),("C18","publicity_activity","{y}-05-20","质量月活动"),("C18","publicity_activity","{y}-09-05","陶瓷文化周"),
 ("C19","satisfaction_survey","{y}-12-10","成员满意度调查"),("C20","media_report","{y}-06-16","媒体报道"),("C21","promotion_occasion","{y}-11-08","在市质量大会上交流")]
ev23=[(a,b,c.format(y=2023),d) for a,b,c,d in base_ev]
# Rules, plans and codes are adopted once and stay in force for three years (valid_for in
# catalogue.ron): 2024 carries 2023's with the day they were adopted.
STANDING={"quality_management_rule","credit_info_rule","incentive_rule","quality_development_plan","self_discipline_code"}
ev24=[(a,b,c.format(y=2023 if b in STANDING else 2024),d) for a,b,c,d in base_ev]+[("C9","self_assessment_report","2024-12-30","共治成效自评报告"),
 ("C11","sampling_bulletin","2024-11-28","2024 年抽查结果行业通报"),("C17","trust_model_unit","2024-10-01","放心消费示范单位"),
 ("C20","media_report","2024-10-16","南方日报报道"),("C20","media_report","2024-12-16","电视台专题"),("C22","honour","2024-12-01","省级优秀行业协会")]
common=[("duties_assigned",True),("self_funded",True),("earmarked_funds",0),("proposals_adopted",1),("improvement_effective",False)]
# Credit archives (信用档案更新日期): the association built its archive in 2023 and updated 200
# of the 240 (the rest last in 2022); in 2024 it evaluated every member and updated every
# archive at the year-end review. A generator of its own, so the events above stay as they were.
arng=random.Random(20250110)
late=set(c for c,_ in arng.sample(members, 40))
archive23={c: ("2022-12-%02d"%arng.randint(1,20) if c in late else "2023-12-%02d"%arng.randint(1,20)) for c,_ in members}
archive24={c: "2024-12-%02d"%arng.randint(1,20) for c,_ in members}
RESTRICTIONS={"credit_warning","increase_sampling","excluded_from_awards","public_listing"}
def due(path):
    """The restrictions each member's grade calls for, as cogov evaluates the file."""
    out=subprocess.run(COGOV+["eval", path, "--format", "json"], cwd=ROOT, capture_output=True, check=True).stdout
    return {m["id"]: [a for a in m["actions"] if a in RESTRICTIONS] for m in json.loads(out)["members"]}
header23="// 佛山市禅城区陶瓷行业协会, 2023: 240 members, a sampling round of 60, verified complaints and\n// one administrative penalty. The credit archive was built this year: 200 archives updated,\n// 40 last updated in 2022; restrictions were not yet carried out for every member due them.\n// Generated from a seeded script; the members are fictitious."
header24="// 佛山市禅城区陶瓷行业协会, 2024: the archive carries 2023's events forward (valid three years);\n// a sampling round of 70 with follow-up sampling of 2023's failures, one blacklisting (radionuclides)\n// and one credit repair. Every archive was updated at the year-end review and every restriction\n// a grade called for was carried out. Generated from a seeded script; the members are fictitious."
facts23=common+[("liaison_meetings",4),("sampling_participations",2),("trainees",160),("complaints_received",18),("complaints_on_time",15),("disputes_resolved_rate",0.78),("member_awareness_rate",0.74),("satisfaction_rate",0.84),("organisation_rating",3)]
facts24=common+[("liaison_meetings",6),("sampling_participations",3),("trainees",210),("complaints_received",22),("complaints_on_time",20),("disputes_resolved_rate",0.82),("member_awareness_rate",0.81),("satisfaction_rate",0.88),("organisation_rating",4)]
p23=os.path.join(HERE,"2023.ron"); p24=os.path.join(HERE,"2024.ron")
write(p23,("2023","2023-01-01","2023-12-31"),header23,members,facts23,ev23,archive23)
d23=due(p23)
# 2023: one member in four due a restriction (at least one member) had none carried out.
owed=sorted(c for c in d23 if d23[c])
missed=set(arng.sample(owed, max(1, len(owed)//4)))
write(p23,("2023","2023-01-01","2023-12-31"),header23,members,facts23,ev23,archive23,{c:d23[c] for c in owed if c not in missed})
write(p24,("2024","2024-01-01","2024-12-31"),header24,members,facts24,ev24,archive24)
d24=due(p24)
write(p24,("2024","2024-01-01","2024-12-31"),header24,members,facts24,ev24,archive24,d24)
print(len(members), len(ev), len(f23), len(owed), len(missed), sum(1 for c in d24 if d24[c]))

#!/usr/bin/env python3
"""Generates N synthetic pubsync items (about 2 KB each, mixed Chinese and ASCII, spread over
10 columns and several years) as NDJSON or as one Markdown file per item.

The text holds what real government items hold — dates, document numbers (文号), index numbers
(索引号), hotline and landline numbers, amounts — but no personal data, so an audit over it
must find nothing."""
import argparse
import json
import os
import random

COLUMNS = ["单位职责", "机构设置", "政务公告", "政策文件", "部门动态", "计划规划", "办事指南", "行政审批", "出行指南", "财政预决算"]
PHRASES = [
    "为进一步规范道路运输市场秩序，提升交通运输服务水平，",
    "根据《中华人民共和国道路运输条例》和省交通运输厅有关要求，",
    "市交通运输局决定自{date}起开展专项整治行动。",
    "咨询电话：0533-2317890，服务监督电话12328。",
    "本项目总投资1234.56万元，其中财政拨款876.5万元。",
    "请各区县交通运输主管部门于{date}前报送工作总结。",
    "详见淄交发〔{year}〕{num}号文件，索引号004188191/{year}-{idx:05d}。",
    "The bus line K{num} runs every 10 minutes from 06:00 to 22:00; see route map v2.{num}.",
    "公交线路调整后，市民可拨打12345市民服务热线或登录网站查询。",
    "Electric buses (model BJ6123EV) cover 96 km per charge; 2014 plan item {idx}.",
    "办理时限为20个工作日，收费标准按鲁价费发〔2013〕{num}号执行。",
    "出租汽车运价调整听证会定于{date}上午9:00举行，地点：市政务服务中心3楼。",
]


def body(rng, year):
    parts = []
    while sum(len(p.encode()) for p in parts) < 1900:
        phrase = rng.choice(PHRASES)
        date = f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        parts.append(phrase.format(date=date, year=year, num=rng.randint(1, 199), idx=rng.randint(1, 99999)))
        if rng.random() < 0.2:
            parts.append("\n\n")
    return "".join(parts)


def item(n, rng):
    year = 2012 + n % 4
    column = COLUMNS[n % len(COLUMNS)]
    entry = {
        "id": f"gen-{n:07d}",
        "title": f"关于{column}第{n}号事项的通知（{year}年）",
        "category": column,
        "unit": "市交通运输局",
        "index_number": f"004188191/{year}-{n:07d}",
        "doc_number": f"淄交发〔{year}〕{n % 500 + 1}号",
        "published": f"{year}-{(n % 12) + 1:02d}-{(n % 28) + 1:02d}",
        "summary": f"{column}事项摘要，编号{n}。",
        "body": body(rng, year),
    }
    entry["written"] = f"{year}-{(n % 12) + 1:02d}-01"
    entry["genre"] = "通知"
    if column == "政策文件":
        # Normative documents with a validity: a spread of 有效期 ends, past and future, so a
        # sync's lapse query has dates to look at.
        entry["genre"] = "行政规范性文件"
        entry["valid_until"] = f"{year + 1 + n % 15}-{(n % 12) + 1:02d}-28"
    return entry


def markdown(entry):
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in entry.items() if key != "body")
    return f"---\n{front}\nstatus: approved\nreviewer: 信息公开科\n---\n{entry['body']}\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", help="a .ndjson file, or a folder for one .md file per item")
    parser.add_argument("--format", choices=["ndjson", "md"], default="ndjson")
    parser.add_argument("--seed", type=int, default=2014)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.format == "ndjson":
        with open(args.output, "w", encoding="utf-8") as out:
            for n in range(args.count):
                entry = item(n, rng)
                entry["status"] = "approved"
                entry["reviewer"] = "信息公开科"
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    else:
        for n in range(args.count):
            folder = os.path.join(args.output, f"{n // 1000:03d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, f"gen-{n:07d}.md"), "w", encoding="utf-8") as out:
                out.write(markdown(item(n, rng)))


if __name__ == "__main__":
    main()

"""Page furniture: headlines, kickers, subtitles, column labels, bylines, boxes, photos, ads, column breaks."""

from __future__ import annotations

import hashlib

from annotator.ingest.pages import segment_text
from annotator.model import Document


def segment(text: str, **kwargs) -> list[Document]:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return [d.document for d in segment_text(text, file_name="page.txt", sha256=sha, stem="page", **kwargs).documents]


def by_title(docs: list[Document]) -> dict[str, Document]:
    return {d.title: d for d in docs}


NEWS_A = "本报讯（记者张三）近日，北京市总工会举办职工技能比武，200余名职工参加。"
NEWS_B = "本报讯（记者李四）日前，上海市总工会为50家企业的职工书屋更新图书。"


def test_markdown_headings_with_kicker_subtitle_and_section():
    page = (
        "浙江嘉善姚庄镇探索破解基层工会人手紧缺难题\n\n# “工会专家团”，给力！\n\n"
        f"{NEWS_A}\n\n## G新闻特写\n\n# 寒风中的“工会派出庭”\n\n本报记者 张婧 本报通讯员 付琳琳\n\n"
        "“您刚从疫情风险地区返回青岛。”保安拦下了葛先生。\n\n"
        "## 惠州127家“惠民驿站”启用\n\n力解快递外卖小哥休息难、如厕难、停车难\n\n"
        f"{NEWS_B}\n"
    )
    docs = by_title(segment(page))
    assert list(docs) == ["“工会专家团”，给力！", "寒风中的“工会派出庭”", "惠州127家“惠民驿站”启用"]
    first = docs["“工会专家团”，给力！"]
    assert first.meta["kicker"] == "浙江嘉善姚庄镇探索破解基层工会人手紧缺难题"
    assert first.text == NEWS_A and first.kind == "news"
    feature = docs["寒风中的“工会派出庭”"]
    assert feature.meta["section"] == "G新闻特写" and feature.kind == "feature"
    # a standalone byline stays in the text as its own paragraph
    assert feature.text.split("\n")[0] == "本报记者 张婧 本报通讯员 付琳琳"
    assert feature.meta["byline"]["correspondents"] == ["付琳琳"]
    assert docs["惠州127家“惠民驿站”启用"].meta["subtitle"] == "力解快递外卖小哥休息难、如厕难、停车难"


def test_plain_line_headlines():
    page = (
        "贵州仁怀市总成立专门工作团队，帮助小微企业工会组织建起来——\n\n“建会小分队”来了\n\n本报记者 李丰\n\n"
        "6月10日，记者来到贵州省遵义市仁怀市味来酒业公司。\n\n进驻工作薄弱区域\n\n"
        "仁怀市是我国著名的酱香型白酒生产基地。\n\n"
        "北江洪峰过境广东英德城区\n\n市总组织干部职工积极参与抗洪，保障群众生命安全\n\n"
        "本报广州6月23日电（记者叶小钟）记者今天从广东省清远市英德市了解到，没有人员伤亡。\n\n"
        "量化目标任务 明确部门责任 江苏阜宁县总实施“六个100”行动\n\n"
        "本报（记者王伟）记者日前获悉，阜宁县总工会今年将实施“六个100”行动。\n"
    )
    docs = segment(page)
    assert [d.title for d in docs] == ["“建会小分队”来了", "北江洪峰过境广东英德城区", "江苏阜宁县总实施“六个100”行动"]
    first, flood, plan = docs
    assert first.meta["kicker"].startswith("贵州仁怀市总")
    # a lone short line between paragraphs is an intertitle, kept in the text
    assert first.text.split("\n") == [
        "本报记者 李丰",
        "6月10日，记者来到贵州省遵义市仁怀市味来酒业公司。",
        "进驻工作薄弱区域",
        "仁怀市是我国著名的酱香型白酒生产基地。",
    ]
    assert flood.meta["subtitle"] == "市总组织干部职工积极参与抗洪，保障群众生命安全"
    assert flood.meta["byline"]["place"] == "广州" and flood.meta["byline"]["date"] == "6月23日"
    assert plan.meta["kicker"] == "量化目标任务 明确部门责任"


def test_section_labels_before_or_after_the_title():
    page = (
        "## 砥砺奋进中的吉林工会（四）\n\n# 吉林省总“权益保障行动”构建和谐劳动关系\n\n"
        "吉林省总不懈推进职代会制度规范化建设。\n\n"
        "北京市方庄地区总工会副主席刘京日夜奋战在抗疫一线——\n\n# 战“疫”突击队里的带头人\n\n## 职工“娘家人”故事\n\n"
        "本报记者 赖志凯\n\n“李大爷，我们来给您送粽子啦。”\n\nG 新闻特写\n\n一场多方共赢的协商会\n\n本报记者 田国垒\n\n"
        "日前，一场工资集体协商会正在进行。\n"
    )
    docs = segment(page)
    assert [(d.title, d.meta.get("section")) for d in docs] == [
        ("吉林省总“权益保障行动”构建和谐劳动关系", "砥砺奋进中的吉林工会（四）"),
        ("战“疫”突击队里的带头人", "职工“娘家人”故事"),
        ("一场多方共赢的协商会", "G 新闻特写"),
    ]
    assert all(d.kind == "feature" for d in docs)


def test_reading_prompt_box_opens_the_text_without_its_title():
    page = (
        "# 来自“大后方”的温暖\n\n## 阅读提示\n\n如何帮助转岗分流的外闯职工迅速进入角色？\n\n"
        "本报记者 余嘉熙 本报通讯员 韩冬梅\n\n足迹遍布国内23个省区市。\n\n"
        "# 3粒“种子”赋能“产改”\n\n本报记者 田国奎\n\n阅读提示\n\n如何深入推进“产改”？\n\n"
        "“今年我申报的项目是巾被缝纫流程改造。”女工卢欣欣说。\n"
    )
    first, second = segment(page)
    assert first.text.split("\n") == ["如何帮助转岗分流的外闯职工迅速进入角色？", "本报记者 余嘉熙 本报通讯员 韩冬梅", "足迹遍布国内23个省区市。"]
    # the box goes first even when the byline was printed above it
    assert second.text.split("\n")[:2] == ["如何深入推进“产改”？", "本报记者 田国奎"]
    assert "阅读提示" not in first.text + second.text


def test_a_box_inside_an_article_moves_to_its_start():
    page = (
        "# 战“疫”突击队里的带头人\n\n本报记者 赖志凯\n\n“李大爷，我们来给您送粽子啦。”\n\n"
        "## 阅读提示\n\n刘京用实际行动，凝聚起一线抗疫合力。\n\n愿者队伍。\n\n战“疫”突击队一夜之间组建完毕。\n"
    )
    (doc,) = segment(page)
    paragraphs = doc.text.split("\n")
    assert paragraphs[0] == "刘京用实际行动，凝聚起一线抗疫合力。"
    assert paragraphs[-2:] == ["愿者队伍。", "战“疫”突击队一夜之间组建完毕。"]
    fragment = next(f for f in doc.meta["flags"] if f["kind"] == "fragment")
    assert doc.text[fragment["offset"] :].startswith("愿者队伍。")


def test_photo_news_is_its_own_document_and_keeps_the_credit():
    page = (
        "## 雪上救援员\n\n12月24日，河北省张家口市崇礼区云顶滑雪场，一名雪上救援员正拉着救援船下山。\n\n"
        "进入滑雪季，滑雪场配备了雪上救援员。\n\n本报记者 王伟伟 摄\n\n"
        f"## 江西定南开展温暖行动\n\n{NEWS_A}\n\n"
        "工会牵头 职工有“家”\n\n5月25日，舞蹈爱好者在舞蹈场馆进行排练。\n本报记者 沈岳 摄\n\n"
        "有滋有味龙虾节\n\n6月12日，第二十二届龙虾节开幕。 新华社记者 季春鹏 摄\n"
    )
    docs = segment(page)
    assert [(d.title, d.kind) for d in docs] == [
        ("雪上救援员", "photo"),
        ("江西定南开展温暖行动", "news"),
        ("工会牵头 职工有“家”", "photo"),
        ("有滋有味龙虾节", "photo"),
    ]
    snow, _, dance, lobster = docs
    assert snow.text.endswith("\n本报记者 王伟伟 摄")
    assert snow.meta["byline"] == {"raw": "本报记者 王伟伟 摄", "photographers": ["王伟伟"], "agency": "本报"}
    assert dance.text == "5月25日，舞蹈爱好者在舞蹈场馆进行排练。\n本报记者 沈岳 摄"
    assert lobster.text.endswith("新华社记者 季春鹏 摄")
    assert lobster.meta["byline"]["agency"] == "新华社"


def test_ads_are_dropped_and_noted():
    page = f"## 江西定南开展温暖行动\n\n{NEWS_A}\n\n广告\n"
    result = segment_text(page, file_name="page.txt", sha256="0" * 64)
    (annotated,) = result.documents
    assert "广告" not in annotated.document.text
    assert any("advertisement" in note for note in result.notes)


def test_column_break_inside_a_word_is_rejoined_with_nothing_inserted():
    page = (
        "# “工会专家团”，给力！\n\n本报讯（记者邹倜然）围绕思想政治、技\n\n能提升、权益保障等重点工作开展活动。\n\n"
        "为使转岗分流职工尽快达到独立上岗条\n\n件，中原油田加强对职工的转岗储备培训。\n"
    )
    (doc,) = segment(page)
    assert doc.text == (
        "本报讯（记者邹倜然）围绕思想政治、技能提升、权益保障等重点工作开展活动。\n"
        "为使转岗分流职工尽快达到独立上岗条件，中原油田加强对职工的转岗储备培训。"
    )
    # two source pieces per paragraph, nothing between them
    pieces = doc.provenance.pieces
    assert pieces[0].end == pieces[1].start
    assert "flags" not in doc.meta  # confident joins need no review


def test_a_doubtful_column_break_join_is_flagged():
    page = "# 标题一\n\n本报讯（记者李润钊）泉州市泉港区总工会职工服务中心工作\n\n动”还将整合福州市各个站点的服务资源。\n"
    (doc,) = segment(page)
    assert "工作动”还将" in doc.text
    (flag,) = doc.meta["flags"]
    assert flag["kind"] == "low_confidence_join"
    assert doc.text[flag["offset"] :].startswith("动”还将")
    assert "text may be missing" in flag["message"]


def test_a_new_paragraph_opening_a_quote_is_not_glued_to_an_unpunctuated_one():
    page = "# 标题\n\n本报讯（记者张三）会议在北京召开，各方代表共同出席\n\n“我们一定努力工作。”职工代表说。\n"
    (doc,) = segment(page)
    assert doc.text.split("\n")[1] == "“我们一定努力工作。”职工代表说。"
    assert doc.meta["flags"][0]["kind"] == "unterminated_paragraph"


def test_width_normalisation_is_on_by_default_and_raw_text_keeps_the_original():
    page = "# 标题\n\n本报讯(记者张世光)日前,大庆油田开展活动:效果很好!会议10:30结束。\n"
    (doc,) = segment(page)
    assert doc.text == "本报讯（记者张世光）日前，大庆油田开展活动：效果很好！会议10:30结束。"
    assert doc.raw_text == "本报讯(记者张世光)日前,大庆油田开展活动:效果很好!会议10:30结束。"
    (kept,) = segment(page, normalise=False)
    assert kept.text == kept.raw_text == doc.raw_text


def test_document_ids_are_the_file_hash_and_the_source_offset_of_the_first_piece():
    page = f"# 标题一\n\n{NEWS_A}\n\n# 标题二\n\n{NEWS_B}\n"
    sha = hashlib.sha256(page.encode("utf-8")).hexdigest()
    first, second = segment(page)
    assert first.id == f"{sha[:10]}-{page.index(NEWS_A):05d}"
    assert second.id == f"{sha[:10]}-{page.index(NEWS_B):05d}"
    assert [d.id for d in segment(page)] == [first.id, second.id]  # stable


def test_a_byline_opening_a_paragraph_starts_a_new_article_even_without_a_headline():
    page = f"# 标题一\n\n{NEWS_A}\n\n{NEWS_B}\n"
    first, second = segment(page)
    assert first.text == NEWS_A and second.text == NEWS_B
    assert second.title == "" and second.meta["flags"][0]["kind"] == "no_headline"

"""Articles continued further down the page, and blocks the page prints twice."""

from __future__ import annotations

import hashlib

from annotator.ingest.pages import segment_text
from annotator.model import Document


def segment(text: str) -> tuple[list[Document], list[str]]:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    result = segment_text(text, file_name="page.txt", sha256=sha)
    return [d.document for d in result.documents], result.notes


def flags(doc: Document, kind: str) -> list[dict]:
    return [f for f in doc.meta.get("flags", []) if f["kind"] == kind]


def assert_pieces_match(doc: Document, page: str) -> None:
    for piece in doc.provenance.pieces:
        assert doc.raw_text[piece.start : piece.end] == page[piece.src_start : piece.src_end]


JILIN = (
    "## 砥砺奋进中的吉林工会（四）\n\n# 吉林省总“权益保障行动”构建和谐劳动关系\n\n"
    "吉林省总不懈推进职代会制度规范化建设，保障职工的知情权、参与权。\n\n"
    "吉林省总主动联系省高级人民法院，建立诉调对接机制，在各级法院设立劳动争议调解工作室。"
    "鉴于以往工会调解成功的案件必须再由\n\n"
)
QINGDAO = (
    "## G新闻特写\n\n# 寒风中的“工会派出庭”\n\n本报记者 张婧\n\n"
    "“您刚从疫情风险地区返回青岛，按照要求不能进入服务中心。”保安拦下了葛先生。\n\n"
    "原来，葛先生是青岛市某人力资源公司的职工，公司无故拖欠葛先生工资，他向青岛市总职工服务中心求助。\n\n"
    "“天虽冷，心却热！”庭审后，激动难掩的葛先生说。\n\n"
)
JILIN_TAIL = (
    "法院立案后出具调解书才具法律效力，为简化司法程序，吉林省总又成立了劳动争议人民调解委员会，"
    "实现了劳动争议诉调对接工作的提质升级。\n\n"
    "据了解，吉林省总还在各类企事业单位广泛建立员工诉求中心。（王阳）\n"
)


def test_the_tail_of_another_article_is_attached_by_topic():
    page = JILIN + QINGDAO + JILIN_TAIL
    (jilin, qingdao), notes = segment(page)
    assert jilin.title == "吉林省总“权益保障行动”构建和谐劳动关系"
    assert "必须再由法院立案后出具调解书才具法律效力" in jilin.text  # nothing inserted at the join
    assert jilin.text.endswith("员工诉求中心。（王阳）")
    assert qingdao.text.endswith("激动难掩的葛先生说。")
    (join,) = flags(jilin, "continuation")
    assert jilin.text[join["offset"] :].startswith("法院立案后")
    assert jilin.meta["byline"]["others"] == ["王阳"]
    assert any("continues the sentence cut" in n for n in notes)
    assert_pieces_match(jilin, page)


def test_a_dangling_article_without_continuation_is_flagged_unfinished_and_takes_nothing():
    page = JILIN + QINGDAO
    (jilin, qingdao), _ = segment(page)
    assert jilin.text.endswith("必须再由")
    (unfinished,) = flags(jilin, "unfinished")
    assert unfinished["offset"] == len(jilin.text)
    assert qingdao.text.endswith("激动难掩的葛先生说。")


ZHENGZHOU = (
    "## 河南郑州为环卫工人发放防寒用品\n\n"
    "本报讯（记者刘佳）近日，郑州市总工会为全市环卫工人送去棉手套、护膝等防寒用品。\n\n"
    "下一步，郑州市总工会将继续完善户外劳动者驿站功能，让更多户外劳动者能够就近享受到\n\n"
)
PHOTO = "## 冰雪运动进校园\n\n1月8日，吉林省长春市一所小学的学生在学校冰场上练习滑冰。 本报记者 孙悦 摄\n\n"
ZHENGZHOU_TAIL = "温暖服务。截至目前，郑州市总工会已累计投入资金用于户外劳动者关爱行动。（李娜）\n"


def test_paragraphs_with_no_headline_continue_the_dangling_article():
    page = ZHENGZHOU + PHOTO + ZHENGZHOU_TAIL
    (zhengzhou, photo), _ = segment(page)
    assert "就近享受到温暖服务。截至目前" in zhengzhou.text
    assert photo.kind == "photo" and photo.text.endswith("孙悦 摄")
    assert flags(zhengzhou, "continuation")
    assert_pieces_match(zhengzhou, page)


def test_a_box_below_another_article_goes_with_the_continuation_it_introduces():
    page = (
        "# 线上连得更紧 脚下跑得更勤\n\n本报记者 邹倜然\n\n"
        "在平湖，一个面向会员代表的“云履职”应用平台，成为服务职工的新场景。\n\n"
        "平湖市总工会建设数字驾驶舱，设置“提案管理”“职工事大\n\n"
        "## 银川市总牵头普法促劳动关系和谐\n\n"
        "本报讯（记者马学礼）近日，银川市总工会开展了一场法治体检活动。\n\n"
        "据统计，银川市325名律师共开展企业法治体检活动686次。\n\n"
        "### 阅读提示\n\n“云履职”应用场景为会员代表充分发挥职能提供了一个新平台。\n\n"
        "家议”“零距离”等5大子场景，平台自动记录会员代表履职情况。\n"
    )
    (pinghu, yinchuan), _ = segment(page)
    assert pinghu.text.split("\n")[0] == "“云履职”应用场景为会员代表充分发挥职能提供了一个新平台。"
    assert "“职工事大家议”“零距离”" in pinghu.text
    assert yinchuan.text.endswith("企业法治体检活动686次。")
    assert flags(pinghu, "continuation")[0]["confidence"] >= 0.75  # quote opened before the cut, closed after


def test_a_headline_printed_after_the_first_column_names_the_article():
    page = (
        "奋斗百年路 启航新征程\n\n工会工作巡礼\n\n阅读提示\n\n湖北工会围绕党政工作大局，彰显了工会力量。\n\n"
        "本报记者 张翀\n\n湖北是党领导的工人运动发源地之一。改革开放时期，湖北工会推出了多项\n\n"
        "江苏加强民主管理助推“产改”落地见效\n\n"
        "本报讯（记者王伟）5月24日，江苏印发《关于发挥企业民主管理职能作用的意见》。\n\n"
        "湖北工会“围绕中心干、围绕职工转”，掀起建功立业新热潮\n\n在书写荆楚华章中贡献“工”力量展示新作为\n\n"
        "创新举措。\n\n进入新时代，湖北工会不断增强政治性、先进性、群众性。\n"
    )
    (hubei, jiangsu), _ = segment(page)
    assert hubei.title == "在书写荆楚华章中贡献“工”力量展示新作为"
    assert hubei.meta["kicker"] == "湖北工会“围绕中心干、围绕职工转”，掀起建功立业新热潮"
    # the series label is kept; the slogan on the page's first line is read as its header
    assert hubei.meta["section"].endswith("工会工作巡礼")
    assert "推出了多项创新举措。\n进入新时代" in hubei.text
    assert jiangsu.text.startswith("本报讯（记者王伟）")


def test_an_article_with_a_drifting_topic_is_not_raided():
    """A dangling article must not take the end of an unrelated article just because it is there."""
    page = (
        "# 北京工会开展技能比武\n\n本报讯（记者张三）北京市总工会举办职工技能比武，焊工、电工等8个项目的选手\n\n"
        "# 上海职工书屋焕新\n\n本报讯（记者李四）日前，上海市总工会为50家企业的职工书屋更新图书。\n\n"
        "新书涵盖文学历史等类别，共计2万余册，受到上海职工欢迎。\n\n"
        "上海市总工会还将组织读书分享会，邀请作家走进企业。\n"
    )
    (beijing, shanghai), _ = segment(page)
    assert flags(beijing, "unfinished")
    assert shanghai.text.endswith("邀请作家走进企业。")


RAIL = (
    "# 寒夜里的“铁路医生”\n\n本报记者 陈晓峰\n\n凌晨两点，成都工务段巡道工赵建国走上了宝成铁路。\n\n"
    "### 传帮带培养新人\n\n如今，赵建国还带着两名徒弟，把“看、听、摸、量”四字工作法传授给年轻人。\n\n"
    "据成都工务段负责人介绍，今年冬季该段排查整治设备隐患320余处。\n\n"
)


def test_a_block_printed_twice_is_kept_once_where_it_belongs():
    repeat = "### 传帮带培养新人\n\n如今，赵建国还带着两名徒弟，把“看、听、摸、量”四字工作法传授给年轻人。\n\n"
    page = RAIL + "## 春耕时节农机忙\n\n3月12日，农机手驾驶旋耕机在田间作业。 新华社记者 周密 摄\n\n" + repeat
    (rail, photo), notes = segment(page)
    assert rail.text.count("四字工作法") == 1
    (dropped,) = rail.meta["dropped_duplicates"]
    assert page[dropped["src_start"] : dropped["src_end"]].startswith("传帮带培养新人")
    assert dropped["src_start"] > page.index("春耕时节")  # the stray copy went, the article's own stayed
    assert page[dropped["kept_src_start"] : dropped["kept_src_end"]] == page[dropped["src_start"] : dropped["src_end"]]
    assert photo.text.endswith("周密 摄")
    assert any("word for word" in n for n in notes)


def test_short_repeated_lines_are_not_duplicated_blocks():
    page = (
        "# 标题一\n\n本报记者 李丰\n\n第一篇文章的正文，讲述职工书屋的故事。\n\n"
        "# 标题二\n\n本报记者 李丰\n\n第二篇文章的正文，讲述技能比武的故事。\n"
    )
    first, second = segment(page)[0]
    assert first.text.startswith("本报记者 李丰") and second.text.startswith("本报记者 李丰")
    assert "dropped_duplicates" not in first.meta and "dropped_duplicates" not in second.meta


def test_a_weak_continuation_is_attached_but_flagged_for_review():
    """Headline-less text after a photo, sharing nothing with the dangling article: attached, for a reviewer to check."""
    page = (
        "# 北京工会开展技能比武\n\n本报讯（记者张三）北京市总工会举办职工技能比武，焊工、电工等8个项目的选手\n\n"
        + PHOTO
        + "据悉，比赛结果将于下月公布。\n"
    )
    docs, _ = segment(page)
    beijing = docs[0]
    (join,) = flags(beijing, "continuation")
    (review,) = flags(beijing, "low_confidence_join")
    assert review["offset"] == join["offset"] and review["confidence"] < 0.75
    assert beijing.text[join["offset"] :] == "据悉，比赛结果将于下月公布。"
    assert "please check" in review["message"]

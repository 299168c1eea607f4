"""Which reports are Shandong's: the province, its prefecture-level cities and their counties,
districts and county-level cities, as agency names write them (with 市/区/县).

Names of the present divisions and of those merged or renamed since 2019 (the first year of the
current template), so that reports of earlier years are recognised too. Two district names that
other provinces also have (市中区: 济南 and 枣庄, but also 内江 and 乐山; 河东区: 临沂, but also
天津) are left out: they say nothing without the city before them.
"""

from __future__ import annotations

PROVINCE = "山东省"
# Ways a configuration names the province (``province = "山东"``).
PROVINCE_NAMES = ("山东", "山东省", "鲁")

PREFECTURES = (
    "济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市",
    "泰安市", "威海市", "日照市", "临沂市", "德州市", "聊城市", "滨州市", "菏泽市",
    "莱芜市",  # merged into 济南 in 2019
)  # fmt: skip

COUNTIES = (
    # 济南
    "历下区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区", "莱芜区", "钢城区",
    "平阴县", "商河县", "章丘市", "济阳县", "莱城区",
    # 青岛
    "市南区", "市北区", "黄岛区", "崂山区", "李沧区", "城阳区", "即墨区", "胶州市", "平度市",
    "莱西市", "即墨市",
    # 淄博
    "淄川区", "张店区", "博山区", "临淄区", "周村区", "桓台县", "高青县", "沂源县",
    # 枣庄
    "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市",
    # 东营
    "东营区", "河口区", "垦利区", "利津县", "广饶县", "垦利县",
    # 烟台
    "芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区", "龙口市", "莱阳市", "莱州市", "招远市",
    "栖霞市", "海阳市", "蓬莱市", "长岛县",
    # 潍坊
    "潍城区", "寒亭区", "坊子区", "奎文区", "临朐县", "昌乐县", "青州市", "诸城市", "寿光市",
    "安丘市", "高密市", "昌邑市",
    # 济宁
    "任城区", "兖州区", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县", "梁山县",
    "曲阜市", "邹城市",
    # 泰安
    "泰山区", "岱岳区", "宁阳县", "东平县", "新泰市", "肥城市",
    # 威海
    "环翠区", "文登区", "荣成市", "乳山市", "文登市",
    # 日照
    "东港区", "岚山区", "五莲县", "莒县",
    # 临沂
    "兰山区", "罗庄区", "沂南县", "郯城县", "沂水县", "兰陵县", "费县", "平邑县", "莒南县",
    "蒙阴县", "临沭县",
    # 德州
    "德城区", "陵城区", "宁津县", "庆云县", "临邑县", "齐河县", "平原县", "夏津县", "武城县",
    "乐陵市", "禹城市",
    # 聊城
    "东昌府区", "茌平区", "阳谷县", "莘县", "东阿县", "冠县", "高唐县", "临清市", "茌平县",
    # 滨州
    "滨城区", "沾化区", "惠民县", "阳信县", "无棣县", "博兴县", "邹平市", "邹平县",
    # 菏泽
    "牡丹区", "定陶区", "曹县", "单县", "成武县", "巨野县", "郓城县", "鄄城县", "东明县",
)  # fmt: skip

PLACES = frozenset((PROVINCE, *PREFECTURES, *COUNTIES))

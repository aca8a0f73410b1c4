<#ftl output_format="plainText" strip_whitespace=true>
<#assign msg = b.msg>
${b.tlp.label}

${b.issuer.name}
${b.title} ${b.weekId}
${b.issueLine}<#if b.totalLine??><#if msg["issue.sep"]?has_content> ${msg["issue.sep"]} </#if>${b.totalLine}</#if>
${b.period}
<#if b.sample>

*** ${msg["sample.banner"]} ***
</#if>
<#if b.revision?? && b.revision.correction>
<#assign r = b.revision>

*** ${r.corrected} ***
<#if r.changes?has_content>
${(r.changesTitle + msg["punct.colon"])?trim}
<#list r.changes as c>
- ${c}
</#list>
</#if>
<#if r.note??>

${r.noteTitle}${msg["punct.colon"]}${r.note}
</#if>
</#if>


${msg["section.summary"]?upper_case}

<#if b.situation??>
${msg["situation.label"]}${msg["punct.colon"]}${b.situation.label}
<#if b.situation.text??>${b.situation.text}
</#if>

</#if>
<#list b.summary as paragraph>
${paragraph}

</#list>

${msg["section.figures"]?upper_case}

<#list b.figures as f>
- ${f.label}${msg["punct.colon"]}${f.value}<#if f.unit??>${msg["punct.space"]}${f.unit}</#if>${msg["punct.open"]}${f.change.arrow} ${f.change.percent}${msg["list.separator"]}${f.change.text}${msg["punct.close"]}
<#list f.ofWhich as p>
    ${msg["figures.ofWhich"]}${msg["punct.space"]}${p.label?lower_case}${msg["punct.colon"]}${p.value}${msg["punct.open"]}${p.share}${msg["punct.close"]}
</#list>
</#list>
<#if mail.highlights?has_content>


${msg["section.highlights"]?upper_case}
<#list mail.highlights as h>

* ${h.title}<#if h.tlp??> [${h.tlp.label}]</#if>
<#if h.sector??>  ${msg["highlights.sector"]}${msg["punct.colon"]}${h.sector}
</#if>
<#if h.vector??>  ${msg["highlights.vector"]}${msg["punct.colon"]}${h.vector}
</#if>
<#list h.paragraphs as paragraph>
  ${paragraph}
</#list>
</#list>
</#if>


${msg["section.advisories"]?upper_case}

<#if mail.advisories?has_content>
<#if mail.exploited?has_content>
${msg["advisories.exploited.title"]}:
<#list mail.exploited as a>
  ! ${a.id}${msg["punct.colon"]}${a.product} - ${a.title}
</#list>

</#if>
<#list mail.advisories as a>
[${a.severityLabel}<#if a.score??> ${a.score}</#if>]<#if a.kev??> [${a.kev}]</#if><#if a.exploited> [${msg["advisories.exploited"]?upper_case}]</#if><#if a.tlp??> [${a.tlp.label}]</#if> ${a.product} - ${a.title}
  ${a.id}<#list a.cvesShown as cve> ${cve.text}</#list><#if a.cvesMore??> ${a.cvesMore}</#if>
  ${a.summary}
<#if a.remediation??>
  ${msg["advisories.remediation"]}${msg["punct.colon"]}${a.remediation}
</#if>

</#list>
<#elseif mail.outsideAdvisories?has_content>
${msg["mail.choice.noneChosen"]}
<#else>
${msg["advisories.none"]}
</#if>
<#if mail.outsideNote??>

${mail.outsideTitle?upper_case}

${mail.outsideNote}
<#list mail.outsideHighlights as h>
- ${h.title}<#if h.tlp??> [${h.tlp.label}]</#if>
</#list>
<#list mail.outsideAdvisories as a>
- ${a.id}${msg["punct.colon"]}${a.product} - ${a.title}<#if a.exploited> [${msg["advisories.exploited"]?upper_case}]</#if><#if a.tlp??> [${a.tlp.label}]</#if>
</#list>
</#if>

--
${b.tlp.label}${msg["punct.colon"]}${b.tlp.meaning}
${mail.attachmentNote}
<#if mail.webUrl??>
${mail.webNote} ${mail.webUrl}
</#if>
<#list b.translations?filter(t -> !t.current) as t>
${msg["translations.label"]} ${t.name} ${t.href}
</#list>
${b.issuer.name} · ${b.issuer.email}<#if b.issuer.web??> · ${b.issuer.web}</#if>
<#if b.issuer.openpgpFingerprint??>
${msg["about.openpgp"]!"OpenPGP key"}: ${b.issuer.openpgpFingerprint}<#if b.issuer.openpgpKey??> · ${b.issuer.openpgpKey}</#if>
</#if>
<#if mail.unsubscribe??>
${mail.unsubscribe}
</#if>
<#if mail.manage??>
${mail.manage}
</#if>

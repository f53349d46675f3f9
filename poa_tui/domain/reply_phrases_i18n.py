"""The reply phrase families of `reply_phrases` in the other marketplace languages.

One small table per language: class -> patterns, written the same way as the English ones (a
space stands for any run of whitespace, ' for any apostrophe, case does not matter). Amazon's
replies in these languages follow fixed templates translated from the English ones, so each
family names the few verbs and nouns those templates turn on. Arabic-marketplace replies carry
their decision in English; the Arabic lines repeat it. Japanese has no spaces between words, so
its patterns are searched without word boundaries. Data only; `reply_phrases` compiles it.
"""

from __future__ import annotations

TABLES: dict[str, dict[str, list[str]]] = {
    "de": {
        "final": [r"entscheidung ist endgültig", r"(?:können|dürfen) (?:nicht mehr|keine \w+ mehr)"
                  r" (?:auf amazon\S* )?verkaufen", r"nicht mehr (?:auf|über) amazon\S* verkaufen",
                  r"auf weitere (?:e-?mails|nachrichten|einsprüche)\b[^.]{0,40}nicht (?:mehr )?antworten",
                  r"dauerhaft (?:deaktiviert|gesperrt|geschlossen)",
                  r"(?:beschlossen|entschieden), (?:ihr \w+ )?nicht (?:wieder )?(?:zu )?(?:reaktivieren"
                  r"|aktivieren|wiederherzustellen)"],
        "reinstated": [r"(?:wieder|erneut) (?:aktiviert|freigeschaltet|hergestellt)",
                       r"wiederhergestellt", r"reaktiviert", r"(?:können|dürfen) (?:ab sofort )?wieder"
                       r" (?:\w+ )?verkaufen", r"(?:ist|sind) wieder aktiv"],
        "insufficient": [r"(?:aktionsplan|plan|einspruch) (?:ist|war) (?:nicht ausreichend|unzureichend"
                         r"|unvollständig)", r"(?:erklärt|beschreibt|nennt) nicht",
                         r"keine ausreichenden informationen zur ursache",
                         r"überarbeiten sie (?:ihren|den) (?:aktions)?plan",
                         r"(?:grundursache|ursache) (?:genauer|ausführlicher|näher)"],
        "action": [r"(?:noch|weiterhin) (?:in ihrem \w+ )?aktiv", r"(?:löschen|entfernen|schließen)"
                   r" sie (?:diese|die folgenden|alle)"],
        "documents": [r"echtheit\b[^.]{0,80}(?:überprüfen|belegen|nachweisen|nachzuweisen)",
                      r"(?:senden|reichen|übermitteln) sie (?:uns )?(?:bitte )?(?:gültige )?"
                      r"(?:rechnungen|dokumente|unterlagen)",
                      r"(?:rechnungen|dokumente|unterlagen) (?:konnten|können) nicht (?:verifiziert"
                      r"|überprüft|bestätigt)"],
        "denied": [r"(?:bleibt|bleiben|ist weiterhin) (?:deaktiviert|gesperrt)",
                   r"(?:können|konnten) (?:wir )?(?:ihr \w+ )?(?:zum jetzigen zeitpunkt |derzeit )?"
                   r"nicht (?:wieder )?(?:aktivieren|reaktivieren|wiederherstellen)",
                   r"(?:beschwerde|einspruch|antrag) wurde abgelehnt"],
        "acknowledged": [r"(?:haben|hat) (?:ihre?n? )?\w+ erhalten", r"prüfen (?:ihn|sie|es|ihre?n?)"
                         r" (?:\w+ )?(?:derzeit|gerade|zurzeit)", r"melden uns (?:innerhalb|in)",
                         r"(?:wird|werden) (?:derzeit )?geprüft", r"vielen dank für ihre geduld"],
    },
    "fr": {
        "final": [r"décision est (?:définitive|finale)", r"(?:ne répondrons plus|ne pourrons plus"
                  r" répondre) (?:à|aux)", r"(?:décidé|choisi) de ne pas (?:rétablir|réactiver)",
                  r"ne sera pas réactivé", r"ne (?:pourrez|pouvez) plus vendre",
                  r"désactivé (?:de (?:manière|façon) )?(?:définitive|définitivement)"],
        "reinstated": [r"(?:avons|a été|ont été) (?:réactivé|rétabli)e?s?",
                       r"pouvez (?:de nouveau|à nouveau) vendre", r"(?:est|sont) de nouveau actif"],
        "insufficient": [r"plan d'action (?:est|était) (?:incomplet|insuffisant)",
                         r"n'explique pas", r"mettre à jour votre plan d'action",
                         r"(?:cause première|cause profonde) (?:n'est pas|n'a pas)"],
        "action": [r"(?:toujours|encore) (?:actives?|en ligne|disponibles?) dans votre",
                   r"(?:supprimer|retirer|fermer) (?:ces|les) (?:offres|annonces|fiches)"],
        "documents": [r"(?:vérifier|prouver|démontrer) l'authenticité",
                      r"(?:veuillez|merci de) (?:nous )?(?:fournir|envoyer|soumettre) (?:des |les )?"
                      r"(?:factures|documents|justificatifs)",
                      r"(?:factures|documents) (?:fournis |soumis )?n'ont pas pu être vérifiés"],
        "denied": [r"(?:reste|demeure|restent) (?:désactivée?|suspendue?|bloquée?)",
                   r"(?:ne sommes pas en mesure|ne pouvons pas) (?:de )?(?:réactiver|rétablir)",
                   r"(?:appel|demande) (?:a été|est) (?:refusée?|rejetée?)"],
        "acknowledged": [r"(?:avons bien reçu|avons reçu) votre", r"en cours d'examen",
                         r"examinons actuellement", r"merci de votre patience",
                         r"vous répondrons dans"],
    },
    "es": {
        "final": [r"decisión es (?:definitiva|final)", r"(?:hemos decidido|decidimos) no"
                  r" (?:reactivar|restablecer)", r"no (?:podrás|podrá|puedes) volver a vender",
                  r"(?:no respondamos|no responderemos) a más correos",
                  r"desactivada (?:de forma )?(?:permanente|permanentemente)"],
        "reinstated": [r"(?:hemos|ha sido|han sido|se han) (?:reactivado|restablecido)",
                       r"(?:ya )?puedes volver a vender", r"apelación ha sido aceptada",
                       r"(?:reactivada|restablecida|restablecidos)"],
        "insufficient": [r"plan de acción (?:no es suficiente|es insuficiente|está incompleto)",
                         r"no explica", r"actualiza tu plan de acción"],
        "action": [r"(?:siguen|todavía están|aún están) activ[oa]s", r"(?:elimina|retira|cierra)"
                   r" (?:estas|estos|las|los) (?:ofertas|anuncios|publicaciones)",
                   r"debes eliminarl[oa]s"],
        "documents": [r"(?:verificar|demostrar|comprobar) la autenticidad",
                      r"(?:envíanos|envía|proporciona|envíe) (?:las |los )?(?:facturas|documentos)",
                      r"(?:facturas|documentos) (?:que enviaste )?no se (?:pudieron|han podido)"
                      r" verificar"],
        "denied": [r"(?:sigue|permanece|continúa) (?:desactivada|suspendida|bloqueada)",
                   r"no (?:podemos|hemos podido) (?:reactivar|restablecer)",
                   r"(?:apelación|solicitud) (?:ha sido|fue) (?:rechazada|denegada)"],
        "acknowledged": [r"hemos recibido tu", r"(?:la|lo) estamos revisando",
                         r"estamos revisando", r"te responderemos en", r"gracias por tu paciencia"],
    },
    "it": {
        "final": [r"decisione è (?:definitiva|finale)", r"(?:abbiamo deciso|deciso) di non"
                  r" riattivare", r"non (?:potrai|puoi) più vendere", r"potremmo non rispondere",
                  r"disattivato (?:in modo )?(?:permanente|definitivamente)"],
        "reinstated": [r"(?:abbiamo|è stato|sono stati) (?:riattivat|ripristinat)[oaie]",
                       r"puoi (?:riprendere a|di nuovo) vendere"],
        "insufficient": [r"piano d'azione non è (?:sufficiente|completo)", r"non spiega",
                         r"aggiorna il tuo piano d'azione", r"piano d'azione è (?:incompleto"
                         r"|insufficiente)"],
        "action": [r"ancora attiv[eiao]", r"(?:elimina|rimuovi|chiudi) (?:queste|questi|le|gli)"
                   r" (?:offerte|inserzioni)"],
        "documents": [r"(?:verificare|dimostrare) l'autenticità", r"(?:inviaci|invia|fornisci|fornire)"
                      r" (?:le |i )?(?:fatture|documenti)"],
        "denied": [r"(?:rimane|resta) (?:disattivato|sospeso|bloccato)",
                   r"non (?:siamo in grado|possiamo) (?:di )?riattivare",
                   r"(?:ricorso|richiesta) è stat[oa] (?:respint|rifiutat)[oa]"],
        "acknowledged": [r"abbiamo ricevuto il tuo", r"lo stiamo esaminando", r"in fase di revisione",
                         r"ti risponderemo entro", r"grazie per la pazienza"],
    },
    "ja": {
        "final": [r"最終的な(?:もの|決定)", r"再開しないことを決定", r"返信しない場合があります",
                  r"今後(?:の)?(?:申し立て|メール)には(?:対応|返信)(?:いたし)?(?:ません|しません)",
                  r"販売(?:を行う)?ことはできなくなりました"],
        "reinstated": [r"再開いたしました", r"再開しました", r"回復されました", r"回復いたしました",
                       r"再び販売を行っていただけます", r"再度出品が可能"],
        "insufficient": [r"改善計画書(?:は|が)不十分", r"説明されていません", r"改善計画書を修正"],
        "action": [r"まだ(?:在庫に)?有効なまま", r"削除してください"],
        "documents": [r"真正性を確認するため", r"請求書をご提出ください", r"書類をご提出ください"],
        "denied": [r"再開することはできません", r"停止されたまま", r"承認されませんでした"],
        "acknowledged": [r"受け付けました", r"確認しております", r"確認中です", r"以内にご連絡いたします"],
    },
    "pt": {
        "final": [r"decisão é (?:definitiva|final)", r"decidimos não reativar",
                  r"(?:talvez )?não respondamos a outros", r"desativada permanentemente",
                  r"não (?:poderá|pode) mais vender"],
        "reinstated": [r"reativamos", r"(?:foi|foram) (?:reativad|restabelecid)[oa]s?",
                       r"(?:já )?pode voltar a vender"],
        "insufficient": [r"plano de ação (?:não é suficiente|é insuficiente|está incompleto|enviado"
                         r" está incompleto)", r"não explica", r"explique a causa raiz",
                         r"atualize seu plano de ação"],
        "action": [r"ainda estão ativ[oa]s", r"(?:remova|exclua) (?:essas|esses|as|os) (?:ofertas"
                   r"|anúncios)"],
        "documents": [r"comprovar a autenticidade", r"(?:envie|forneça) (?:as |os )?(?:notas fiscais"
                      r"|faturas|documentos)", r"não puderam ser verificad[oa]s"],
        "denied": [r"(?:permanece|continua) (?:desativada|suspensa|bloqueada)",
                   r"não (?:podemos|conseguimos) reativar", r"apelação foi (?:negada|recusada"
                   r"|rejeitada)"],
        "acknowledged": [r"recebemos sua", r"está em análise", r"responderemos em",
                         r"agradecemos sua paciência"],
    },
    "nl": {
        "final": [r"besluit is definitief", r"besloten (?:je|uw) account niet", r"reageren mogelijk"
                  r" niet meer", r"definitief gedeactiveerd", r"niet meer verkopen"],
        "reinstated": [r"opnieuw geactiveerd", r"(?:zijn|is) hersteld", r"kunt weer verkopen",
                       r"(?:zijn|is) weer actief"],
        "insufficient": [r"actieplan is (?:onvoldoende|onvolledig)", r"legt (?:de )?\w+ \w+ niet uit",
                         r"werk (?:je|uw) actieplan bij"],
        "action": [r"nog actief", r"(?:verwijder|sluit) deze (?:aanbiedingen|vermeldingen)",
                   r"moet ze verwijderen"],
        "documents": [r"(?:echtheid|authenticiteit) van (?:je|uw) producten",
                      r"facturen (?:van (?:je|uw) leverancier )?(?:te )?(?:verstrekken|sturen"
                      r"|indienen)"],
        "denied": [r"blijft gedeactiveerd", r"(?:kunnen|konden) (?:we )?(?:je|uw) account"
                   r" (?:op dit moment )?niet opnieuw activeren", r"beroep is afgewezen"],
        "acknowledged": [r"hebben (?:je|uw) \w+ ontvangen", r"(?:zijn het|momenteel) aan het"
                         r" beoordelen", r"nemen binnen", r"bedankt voor (?:je|uw) geduld"],
    },
    "pl": {
        "final": [r"decyzja jest ostateczna", r"postanowiliśmy nie przywracać",
                  r"możemy nie odpowiadać", r"trwale dezaktywowane", r"nie możesz już sprzedawać"],
        "reinstated": [r"przywróciliśmy", r"(?:zostało|zostały) przywrócone",
                       r"możesz ponownie sprzedawać"],
        "insufficient": [r"plan działania jest (?:niewystarczający|niekompletny)",
                         r"nie wyjaśnia", r"zaktualizuj swój plan"],
        "action": [r"(?:są|jest) nadal aktywn[eay]", r"usuń te oferty"],
        "documents": [r"(?:potwierdzić|potwierdzające) (?:autentyczność|pochodzenie)",
                      r"prześlij faktury"],
        "denied": [r"pozostaje dezaktywowane", r"nie możemy (?:obecnie )?przywrócić",
                   r"odwołanie (?:zostało )?odrzucone"],
        "acknowledged": [r"otrzymaliśmy (?:twoje|twoją)", r"obecnie je rozpatrujemy",
                         r"odpowiemy w ciągu", r"dziękujemy za cierpliwość"],
    },
    "sv": {
        "final": [r"beslut är slutgiltigt", r"beslutat att inte återaktivera",
                  r"kanske inte svarar på fler", r"permanent inaktiverat", r"inte längre sälja"],
        "reinstated": [r"återaktiverat", r"(?:har )?återställts", r"kan nu sälja"],
        "insufficient": [r"åtgärdsplan är (?:otillräcklig|ofullständig)", r"plan är ofullständig",
                         r"förklarar inte", r"uppdatera din åtgärdsplan"],
        "action": [r"fortfarande (?:är )?aktiva", r"ta bort dessa erbjudanden"],
        "documents": [r"verifiera äktheten", r"(?:skicka|lämna in) fakturor"],
        "denied": [r"förblir inaktiverat", r"kan inte återaktivera", r"fortfarande inaktiverat",
                   r"överklagan har avslagits"],
        "acknowledged": [r"tagit emot (?:din|ditt)", r"granskar (?:den|det|ärendet)",
                         r"återkommer inom", r"tack för ditt tålamod"],
    },
    "tr": {
        "final": [r"(?:bu )?karar kesindir", r"karar nihaidir", r"etkinleştirmeme kararı",
                  r"yanıt vermeyebiliriz", r"kalıcı olarak devre dışı"],
        "reinstated": [r"yeniden etkinleştirdik", r"geri yüklendi", r"tekrar satış yapabilirsiniz"],
        "insufficient": [r"eylem planınız (?:yetersiz|eksik)", r"açıklamıyor",
                         r"eylem planınızı güncelle"],
        "action": [r"hâlâ etkin", r"(?:teklifleri|listelemeleri) kaldırın"],
        "documents": [r"orijinalliğini doğrulamak", r"faturaları gönderin"],
        "denied": [r"devre dışı kalmaya devam", r"yeniden etkinleştiremiyoruz",
                   r"itirazınız reddedildi"],
        "acknowledged": [r"itirazınızı aldık", r"şu anda inceliyoruz", r"geri dönüş yapacağız",
                         r"sabrınız için teşekkür"],
    },
    "ar": {
        "final": [r"قرارنا نهائي", r"بشكل نهائي"],
        "reinstated": [r"تمت إعادة تنشيط", r"أعدنا تنشيط"],
        "insufficient": [r"خطة العمل غير (?:كاملة|كافية)"],
        "action": [r"يجب إزالة"],
        "documents": [r"يرجى تقديم (?:الفواتير|المستندات)"],
        "denied": [r"يظل حسابك معطلا", r"لا يمكننا إعادة تنشيط"],
        "acknowledged": [r"استلمنا طلبك"],
    },
}
UNSPACED = frozenset({"ja"})
"""Languages written without spaces between words: no word boundary around their phrases."""

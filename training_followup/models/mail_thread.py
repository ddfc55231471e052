from odoo import models

from ..tools.reader_language import document_lang


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """P1.3: the "created" note of a record of the addon is written in the
        language of its document (its employee's, else its company's), not
        in that of whoever created it (an English officer, the loader of the
        demo data without a language)."""
        if self._original_module != "training_followup":
            return super()._creation_message()
        local = self.with_context(lang=document_lang(self))
        return super(MailThread, local)._creation_message()
